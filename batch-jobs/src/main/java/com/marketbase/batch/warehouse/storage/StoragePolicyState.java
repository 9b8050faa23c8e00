package com.marketbase.batch.warehouse.storage;

/**
 * One table's storage policy as configured and what it did last, for a person.
 *
 * @param table the table, as {@code marketbase.storage.policies} names it
 * @param compressAfter the configured compression age
 * @param retention the configured retention, or {@code off}
 * @param compression the compression applied and its last run, or why there is none
 * @param retained the retention applied and its last run
 */
public record StoragePolicyState(String table, String compressAfter, String retention, String compression,
		String retained) {
}
