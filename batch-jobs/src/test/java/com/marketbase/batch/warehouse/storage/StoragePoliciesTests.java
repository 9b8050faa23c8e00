package com.marketbase.batch.warehouse.storage;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The storage settings: the runbook's defaults, and one line for a wrong key or value.
 */
class StoragePoliciesTests {

	@Test
	void testDefaultsAreTheRunbooksWithRetentionOff() {
		StoragePolicies policies = StoragePolicies.defaults();

		assertThat(policies.of(StorageTable.BARS_1M).compressAfter()).isEqualTo(Duration.ofDays(7));
		assertThat(policies.of(StorageTable.TICK_TRADES).compressAfter()).isEqualTo(Duration.ofDays(7));
		assertThat(policies.of(StorageTable.BARS_5M).compressAfter()).isEqualTo(Duration.ofDays(14));
		assertThat(policies.of(StorageTable.BARS_60M).compressAfter()).isEqualTo(Duration.ofDays(14));
		assertThat(policies.of(StorageTable.BARS_DAILY).compressAfter()).isEqualTo(Duration.ofDays(30));
		assertThat(policies.of(StorageTable.BARS_MONTHLY).compressAfter()).isEqualTo(Duration.ofDays(30));
		assertThat(policies.policies()).allSatisfy((policy) -> assertThat(policy.retention()).isNull());
	}

	@Test
	void testASettingReplacesTheDefaultOfItsTableOnly() {
		StoragePolicies policies = StoragePolicies.of(new StorageProperties(
				Map.of("bars_1m", new StorageProperties.Setting(null, Duration.ofDays(400))), 500));

		assertThat(policies.of(StorageTable.BARS_1M).compressAfter()).isEqualTo(Duration.ofDays(7));
		assertThat(policies.of(StorageTable.BARS_1M).retention()).isEqualTo(Duration.ofDays(400));
		assertThat(policies.of(StorageTable.BARS_DAILY).retention()).isNull();
		assertThat(policies.deleteBatchRows()).isEqualTo(500);
	}

	@Test
	void testUnknownTablesAndNonPositiveDurationsAreRefusedInOneLine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoragePolicies.of(new StorageProperties(
					Map.of("bars_2m", new StorageProperties.Setting(Duration.ofDays(1), null)), 10_000)))
			.withMessage("marketbase.storage.policies.bars_2m names no table with storage policies; the tables: "
					+ "bars_1m, tick_trades, bars_5m, bars_15m, bars_30m, bars_60m, bars_daily, bars_weekly, "
					+ "bars_monthly.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoragePolicies
				.of(new StorageProperties(Map.of("bars_1m", new StorageProperties.Setting(Duration.ZERO, null)), 10)))
			.withMessageStartingWith("marketbase.storage.policies.bars_1m.compress-after is PT0S; it is a positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StoragePolicies.of(new StorageProperties(
					Map.of("bars_daily", new StorageProperties.Setting(null, Duration.ofDays(-3))), 10)))
			.withMessageStartingWith("marketbase.storage.policies.bars_daily.retention is PT-72H");
		assertThatIllegalArgumentException().isThrownBy(() -> StoragePolicies.of(new StorageProperties(Map.of(), 0)))
			.withMessage("marketbase.storage.delete-batch-rows is 0; it is 1 to 1000000.");
	}

	@Test
	void testIntervalsAreWholeDaysWherePossible() {
		assertThat(StoragePolicy.interval(Duration.ofDays(7))).isEqualTo("7 days");
		assertThat(StoragePolicy.interval(Duration.ofHours(36))).isEqualTo("129600 seconds");
		assertThat(StoragePolicy.describe(Duration.ofHours(36))).isEqualTo("36 h");
		assertThat(StoragePolicy.describe(null)).isEqualTo("off");
	}

	@Test
	void testARetentionShorterThanGapHealingLooksBackIsRefused() {
		StoragePolicies policies = StoragePolicies.of(new StorageProperties(
				Map.of("bars_1m", new StorageProperties.Setting(null, Duration.ofDays(20))), 10_000));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> policies.requireRetentionPast(StorageTable.BARS_1M,
					new StoragePolicies.Healing(30, "marketbase.jobs.minute-1m.backfill-days")))
			.withMessage("marketbase.storage.policies.bars_1m.retention is 20 days, shorter than the 30 days gap "
					+ "healing looks back (marketbase.jobs.minute-1m.backfill-days): the loads would fetch the removed "
					+ "days again every night. Set it to at least 30d, or shorten that backfill.");
		policies.requireRetentionPast(StorageTable.BARS_1M,
				new StoragePolicies.Healing(20, "marketbase.jobs.minute-1m.backfill-days"));
		policies.requireRetentionPast(StorageTable.BARS_DAILY,
				new StoragePolicies.Healing(366, "marketbase.jobs.daily.backfill-days"));
	}

}
