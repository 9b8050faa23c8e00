package com.marketbase.batch.warehouse.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Every table's storage policy: the configured settings over the defaults, checked.
 *
 * @param policies one per {@link StorageTable}, in its order
 * @param deleteBatchRows rows per delete statement of the plain-table retention
 */
public record StoragePolicies(List<StoragePolicy> policies, int deleteBatchRows) {

	/** The longest duration a setting may have: a century, far past any data. */
	static final Duration LONGEST = Duration.ofDays(36_500);

	public StoragePolicies {
		policies = List.copyOf(policies);
	}

	/**
	 * Reads the settings.
	 * @param properties the configured settings
	 * @return the policies
	 * @throws IllegalArgumentException naming the first wrong key or value
	 */
	public static StoragePolicies of(StorageProperties properties) {
		Map<String, StorageProperties.Setting> given = new TreeMap<>(properties.policies());
		for (String key : given.keySet()) {
			if (StorageTable.of(key).isEmpty()) {
				throw new IllegalArgumentException("marketbase.storage.policies." + key
						+ " names no table with storage policies; the tables: " + keys() + ".");
			}
		}
		if (properties.deleteBatchRows() < 1 || properties.deleteBatchRows() > 1_000_000) {
			throw new IllegalArgumentException("marketbase.storage.delete-batch-rows is " + properties.deleteBatchRows()
					+ "; it is 1 to 1000000.");
		}
		List<StoragePolicy> policies = new ArrayList<>();
		for (StorageTable table : StorageTable.values()) {
			StorageProperties.Setting setting = given.get(table.key());
			Duration compressAfter = (setting != null && setting.compressAfter() != null) ? setting.compressAfter()
					: table.defaultCompressAfter();
			Duration retention = (setting != null) ? setting.retention() : null;
			check(table, "compress-after", compressAfter);
			check(table, "retention", retention);
			policies.add(new StoragePolicy(table, compressAfter, retention));
		}
		return new StoragePolicies(policies, properties.deleteBatchRows());
	}

	/**
	 * How far back gap healing looks for a table's rows: a retention shorter than that
	 * would have the loads fetch the removed days again every night, and a refresh over
	 * them would empty the aggregates.
	 *
	 * @param days the days healing looks back
	 * @param property the setting that says so
	 */
	public record Healing(int days, String property) {
	}

	/**
	 * Refuses a retention shorter than gap healing looks back.
	 * @param table the table
	 * @param healing how far back its loads heal
	 * @throws IllegalArgumentException in one line naming both settings
	 */
	public void requireRetentionPast(StorageTable table, Healing healing) {
		Duration retention = of(table).retention();
		if (retention != null && retention.compareTo(Duration.ofDays(healing.days())) < 0) {
			throw new IllegalArgumentException("marketbase.storage.policies." + table.key() + ".retention is "
					+ retention.toDays() + " days, shorter than the " + healing.days()
					+ " days gap healing looks back (" + healing.property()
					+ "): the loads would fetch the removed days again every night. Set it to at " + "least "
					+ healing.days() + "d, or shorten that backfill.");
		}
	}

	/**
	 * The defaults alone.
	 * @return the policies with nothing configured
	 */
	public static StoragePolicies defaults() {
		return of(new StorageProperties(null, 10_000));
	}

	/**
	 * One table's policy.
	 * @param table the table
	 * @return its policy
	 */
	public StoragePolicy of(StorageTable table) {
		return this.policies.stream().filter((policy) -> policy.table() == table).findFirst().orElseThrow();
	}

	private static void check(StorageTable table, String name, @Nullable Duration value) {
		if (value == null) {
			return;
		}
		if (value.isNegative() || value.isZero() || value.compareTo(LONGEST) > 0) {
			throw new IllegalArgumentException("marketbase.storage.policies." + table.key() + "." + name + " is "
					+ value + "; it is a positive duration up to 36500d, for example 30d.");
		}
		if (value.toSeconds() % 3600 != 0) {
			throw new IllegalArgumentException("marketbase.storage.policies." + table.key() + "." + name + " is "
					+ value + "; it is whole hours or days, for example 30d.");
		}
	}

	private static String keys() {
		return Arrays.stream(StorageTable.values()).map(StorageTable::key).collect(Collectors.joining(", "));
	}

}
