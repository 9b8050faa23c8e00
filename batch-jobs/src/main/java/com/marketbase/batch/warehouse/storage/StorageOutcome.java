package com.marketbase.batch.warehouse.storage;

/**
 * What a run of the storage policies did to one table's compression or retention.
 *
 * @param table the table, as {@code marketbase.storage.policies} names it
 * @param policy {@code compression} or {@code retention}
 * @param failed whether it failed
 * @param said one line for a person
 */
public record StorageOutcome(String table, String policy, boolean failed, String said) {

	@Override
	public String toString() {
		return this.table + " " + this.policy + ": " + this.said;
	}

}
