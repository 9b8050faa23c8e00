package com.marketbase.batch.warehouse;

import org.jspecify.annotations.Nullable;

/**
 * The warehouse database as detected at start-up.
 *
 * @param mode the mode the migrated schema runs in
 * @param postgresVersion the server's version, for example {@code 17.6}
 * @param timescaledbVersion the installed TimescaleDB extension version, or {@code null}
 * @param timescaledbLicense the value of {@code timescaledb.license}, or {@code null}
 * @param copyFromStdin whether the server takes {@code COPY ... FROM STDIN}: PGlite (the
 * TSL conformance target, PostgreSQL compiled to WebAssembly) does not
 */
public record WarehouseInfo(WarehouseMode mode, String postgresVersion, @Nullable String timescaledbVersion,
		@Nullable String timescaledbLicense, boolean copyFromStdin) {

	/**
	 * One line for logs and the console, for example
	 * {@code TimescaleDB Apache (TimescaleDB 2.19.3, license apache) on PostgreSQL 17.6}.
	 * @return the description
	 */
	public String describe() {
		String extension = (this.timescaledbVersion != null)
				? " (TimescaleDB " + this.timescaledbVersion + ", license " + this.timescaledbLicense + ")" : "";
		return this.mode.description() + extension + " on PostgreSQL " + this.postgresVersion;
	}

}
