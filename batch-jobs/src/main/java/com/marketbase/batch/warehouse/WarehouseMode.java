package com.marketbase.batch.warehouse;

/**
 * What the warehouse database can do. Every mode answers the same queries with the same
 * results; the modes differ in how the data is stored and how aggregates are maintained.
 */
public enum WarehouseMode {

	/** PostgreSQL without TimescaleDB: plain tables, aggregates are rollup tables. */
	PLAIN("plain PostgreSQL"),

	/**
	 * TimescaleDB under the Apache license: hypertables, aggregates are rollup tables.
	 */
	TIMESCALEDB_APACHE("TimescaleDB Apache"),

	/**
	 * TimescaleDB under the timescale license: hypertables, hierarchical continuous
	 * aggregates and compression of 1-minute bars.
	 */
	TIMESCALEDB_FULL("TimescaleDB full");

	private final String description;

	WarehouseMode(String description) {
		this.description = description;
	}

	public String description() {
		return this.description;
	}

	public boolean hasHypertables() {
		return this != PLAIN;
	}

	public boolean hasContinuousAggregates() {
		return this == TIMESCALEDB_FULL;
	}

}
