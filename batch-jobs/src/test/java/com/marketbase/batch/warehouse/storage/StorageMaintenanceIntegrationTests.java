package com.marketbase.batch.warehouse.storage;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.AggregateWindow;
import com.marketbase.batch.warehouse.BarAggregateRefresher;
import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.WarehouseMode;
import com.marketbase.batch.warehouse.WarehouseModeDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage policies applied: as TimescaleDB policies in full mode (the conformance
 * target), and retention by the job itself under the Apache license and on plain
 * PostgreSQL.
 */
class StorageMaintenanceIntegrationTests {

	@Test
	void fullModeAppliesTheDefaultsAsPoliciesAndReappliesThemIdempotently() {
		TestWarehouse warehouse = TestWarehouse.TIMESCALEDB_TSL;
		warehouse.freshlyMigrated();
		DataSource dataSource = warehouse.dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		WarehouseInfo info = new WarehouseModeDetector(dataSource).detect();
		assertThat(info.mode()).isEqualTo(WarehouseMode.TIMESCALEDB_FULL);

		List<StorageOutcome> first = new StorageMaintenance(dataSource, info, StoragePolicies.defaults()).run();

		assertThat(first).filteredOn(StorageOutcome::failed).isEmpty();
		Map<String, String> policies = policies(jdbc);
		// The migration's 30 days of bars_1m is replaced by the runbook's 7.
		assertThat(policies).containsEntry("policy_compression bars_1m", "7 days")
			.containsEntry("policy_compression tick_trades", "7 days")
			.containsEntry("policy_compression bars_daily", "30 days")
			.hasSize(3);
		assertThat(jdbc.queryForList("select view_name from timescaledb_information.continuous_aggregates "
				+ "where view_schema = 'market' and compression_enabled order by 1", String.class))
			.containsExactly("bars_15m_cagg", "bars_30m_cagg", "bars_5m_cagg");
		assertThat(first).filteredOn((outcome) -> outcome.table().equals("bars_weekly"))
			.extracting(StorageOutcome::said)
			.containsExactly("not available (plain table)", "off");
		List<Integer> jobs = jobIds(jdbc);

		List<StorageOutcome> again = new StorageMaintenance(dataSource, info, StoragePolicies.defaults()).run();

		assertThat(jobIds(jdbc)).isEqualTo(jobs);
		assertThat(policies(jdbc)).isEqualTo(policies);
		assertThat(again).filteredOn((outcome) -> outcome.table().equals("bars_1m"))
			.extracting(StorageOutcome::said)
			.containsExactly("policy " + jobId(jdbc, "policy_compression", "bars_1m") + " kept (7 days)", "off");

		StoragePolicies changed = StoragePolicies.of(new StorageProperties(
				Map.of("bars_1m", new StorageProperties.Setting(Duration.ofDays(10), Duration.ofDays(400)), "bars_5m",
						new StorageProperties.Setting(null, Duration.ofDays(400))),
				10_000));
		int oldCompression = jobId(jdbc, "policy_compression", "bars_1m");

		List<StorageOutcome> replaced = new StorageMaintenance(dataSource, info, changed).run();

		assertThat(replaced).filteredOn(StorageOutcome::failed).isEmpty();
		assertThat(policies(jdbc)).containsEntry("policy_compression bars_1m", "10 days")
			.containsEntry("policy_retention bars_1m", "400 days")
			.containsEntry("policy_retention bars_5m_cagg", "400 days")
			.containsEntry("policy_compression tick_trades", "7 days")
			.hasSize(5);
		assertThat(jobId(jdbc, "policy_compression", "bars_1m")).isNotEqualTo(oldCompression);
		assertThat(jobIds(jdbc)).containsAll(jobs.stream().filter((id) -> id != oldCompression).toList());

		new StorageMaintenance(dataSource, info, StoragePolicies.defaults()).run();

		assertThat(policies(jdbc)).containsEntry("policy_compression bars_1m", "7 days")
			.doesNotContainKeys("policy_retention bars_1m", "policy_retention bars_5m_cagg")
			.hasSize(3);
	}

	@Test
	void fullModeCompressionPolicyRunOnceCompressesOldChunksAndTheReportNamesIt() {
		TestWarehouse warehouse = TestWarehouse.TIMESCALEDB_TSL;
		warehouse.freshlyMigrated();
		DataSource dataSource = warehouse.dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		// Three weeks, two months ago, and today.
		jdbc.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
				+ "load_batch_id) select 'S' || s, date_trunc('day', now()) - interval '60 days' + m * interval "
				+ "'1 hour', 10, 11, 9, 10, 100, 1000, 'sandbox', 1 from generate_series(1, 3) s, "
				+ "generate_series(0, 21 * 24) m");
		jdbc.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
				+ "load_batch_id) values ('S1', now(), 10, 11, 9, 10, 100, 1000, 'sandbox', 1)");
		// A day of 5-minute bars so old that its whole aggregate chunk (70 days) is past
		// 14.
		LocalDate old = LocalDate.now(AggregateWindow.MARKET_ZONE).minusDays(200);
		jdbc.update(
				"insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
						+ "load_batch_id) select 'S1', (?::date + time '09:30') at time zone 'Asia/Shanghai' + m * "
						+ "interval '1 minute', 10, 11, 9, 10, 100, 1000, 'sandbox', 1 from generate_series(1, 240) m",
				old);
		WarehouseInfo info = new WarehouseModeDetector(dataSource).detect();
		new BarAggregateRefresher(dataSource, info.mode()).refresh(AggregateWindow.days(old, old));
		List<StorageOutcome> outcomes = new StorageMaintenance(dataSource, info, StoragePolicies.defaults()).run();
		assertThat(outcomes).filteredOn((outcome) -> outcome.table().equals("bars_5m"))
			.extracting(StorageOutcome::said)
			.containsExactly("compressed the chunks older than 14 days (1 chunks)", "off");
		assertThat(jdbc.queryForObject("select count(*) from timescaledb_information.chunks c "
				+ "join timescaledb_information.continuous_aggregates a on a.materialization_hypertable_name = "
				+ "c.hypertable_name where a.view_name = 'bars_5m_cagg' and c.is_compressed", Long.class))
			.isOne();
		assertThat(jdbc.queryForObject(
				"select sum(volume) from market.bars_5m where symbol = 'S1' and ts < now() " + "- interval '100 days'",
				Long.class))
			.isEqualTo(24_000);
		// A heal of that day refreshes the aggregate into its compressed chunk, which is
		// then partly compressed; the next run compresses it again.
		jdbc.update(
				"insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
						+ "load_batch_id) select 'S2', (?::date + time '09:30') at time zone 'Asia/Shanghai' + m * "
						+ "interval '1 minute', 10, 11, 9, 10, 100, 1000, 'sandbox', 1 from generate_series(1, 240) m",
				old);
		new BarAggregateRefresher(dataSource, info.mode()).refresh(AggregateWindow.days(old, old));
		assertThat(aggregateChunkStatus(jdbc)).as("partly compressed after the refresh").isEqualTo(9);
		assertThat(new StorageMaintenance(dataSource, info, StoragePolicies.defaults()).run())
			.filteredOn((outcome) -> outcome.table().equals("bars_5m"))
			.extracting(StorageOutcome::said)
			.containsExactly("compressed the chunks older than 14 days (1 chunks)", "off");
		assertThat(aggregateChunkStatus(jdbc)).isOne();
		assertThat(jdbc.queryForObject("select sum(volume) from market.bars_5m where ts < now() - interval '100 days'",
				Long.class))
			.isEqualTo(48_000);
		int job = jobId(jdbc, "policy_compression", "bars_1m");

		jdbc.execute("call run_job(" + job + ")");

		assertThat(jdbc.queryForObject(
				"select count(*) from timescaledb_information.chunks "
						+ "where hypertable_schema = 'market' and hypertable_name = 'bars_1m' and is_compressed",
				Long.class))
			.isPositive();
		assertThat(jdbc.queryForObject(
				"select count(*) from timescaledb_information.chunks where hypertable_schema = "
						+ "'market' and hypertable_name = 'bars_1m' and not is_compressed and range_end > now()",
				Long.class))
			.as("this week's chunk stays as it is")
			.isOne();
		StoragePolicyState state = new StoragePolicyReport(dataSource, info, StoragePolicies.defaults()).all().get(0);
		assertThat(state.table()).isEqualTo("bars_1m");
		assertThat(state.compressAfter()).isEqualTo("7 days");
		assertThat(state.compression()).startsWith("policy " + job + ", 7 days: ");
		assertThat(state.retained()).isEqualTo("off");
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "TIMESCALEDB", "EMBEDDED" })
	void elsewhereTheJobRemovesOnlyWhatIsOlderThanTheRetention(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		DataSource dataSource = warehouse.dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		insertBars(jdbc, "OLD", "now() - interval '60 days'");
		insertBars(jdbc, "NEW", "now() - interval '1 day'");
		insertDaily(jdbc, "OLD", "current_date - 800");
		insertDaily(jdbc, "NEW", "current_date - 5");
		WarehouseInfo info = new WarehouseModeDetector(dataSource).detect();
		// Batches of 3 rows: the deletes loop.
		StoragePolicies policies = StoragePolicies
			.of(new StorageProperties(Map.of("bars_1m", new StorageProperties.Setting(null, Duration.ofDays(30)),
					"bars_daily", new StorageProperties.Setting(null, Duration.ofDays(90)), "bars_60m",
					new StorageProperties.Setting(null, Duration.ofDays(30))), 3));

		List<StorageOutcome> outcomes = new StorageMaintenance(dataSource, info, policies).run();

		assertThat(outcomes).filteredOn(StorageOutcome::failed).isEmpty();
		String unavailable = (warehouse == TestWarehouse.EMBEDDED) ? "not available (plain PostgreSQL)"
				: "not available (Apache license)";
		assertThat(outcomes).filteredOn((outcome) -> outcome.policy().equals("compression"))
			.extracting(StorageOutcome::said)
			.containsOnly(unavailable);
		assertThat(count(jdbc, "bars_1m", "OLD")).isZero();
		assertThat(count(jdbc, "bars_1m", "NEW")).isEqualTo(10);
		assertThat(count(jdbc, "bars_daily", "OLD")).isZero();
		assertThat(count(jdbc, "bars_daily", "NEW")).isOne();
		// The 60-minute bars share their rows with the 5, 15 and 30-minute ones, which
		// keep theirs.
		assertThat(outcomes).filteredOn((outcome) -> outcome.table().equals("bars_60m"))
			.extracting(StorageOutcome::said)
			.containsExactly(unavailable, "kept: another table shares market.bar_levels and keeps its rows");
		Map<String, Object> run = jdbc.queryForMap("select rows_removed, chunks, error, runs, cutoff < now() - "
				+ "interval '29 days' as cut from market.storage_policy_runs where table_name = 'bars_1m' "
				+ "and policy = 'retention'");
		if (warehouse == TestWarehouse.EMBEDDED) {
			assertThat(run).containsEntry("rows_removed", 10L).containsEntry("chunks", null);
		}
		else {
			assertThat(run.get("rows_removed")).isNull();
			assertThat((Long) run.get("chunks")).isPositive();
		}
		assertThat(run).containsEntry("error", null).containsEntry("runs", 1L).containsEntry("cut", true);

		new StorageMaintenance(dataSource, info, policies).run();

		Map<String, Object> second = jdbc.queryForMap("select coalesce(rows_removed, chunks) as removed, runs "
				+ "from market.storage_policy_runs where table_name = 'bars_1m' and policy = 'retention'");
		assertThat(second).containsEntry("removed", 0L).containsEntry("runs", 2L);
		assertThat(count(jdbc, "bars_1m", "NEW")).isEqualTo(10);
		assertThat(count(jdbc, "bars_daily", "NEW")).isOne();
		StoragePolicyState state = new StoragePolicyReport(dataSource, info, policies).all().get(0);
		assertThat(state.compression()).isEqualTo(unavailable);
		assertThat(state.retention()).isEqualTo("30 days");
		assertThat(state.retained())
			.endsWith(((warehouse == TestWarehouse.EMBEDDED) ? ": removed 0 rows" : ": removed 0 chunks")
					+ " (2 runs, 0 failed)");
	}

	private static void insertBars(JdbcTemplate jdbc, String symbol, String from) {
		jdbc.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
				+ "load_batch_id) select ?, " + from + " + m * interval '1 minute', 10, 11, 9, 10, 100, 1000, "
				+ "'sandbox', 1 from generate_series(0, 9) m", symbol);
	}

	private static void insertDaily(JdbcTemplate jdbc, String symbol, String day) {
		jdbc.update(
				"insert into market.bars_daily (symbol, trade_date, open, high, low, close, volume, amount, source, "
						+ "load_batch_id) values (?, " + day + ", 10, 11, 9, 10, 100, 1000, 'sandbox', 1)",
				symbol);
	}

	// The status of the 5-minute aggregate's one old chunk: 1 compressed, 9 partly.
	private static int aggregateChunkStatus(JdbcTemplate jdbc) {
		return jdbc.queryForObject("""
				select max(k.status) from _timescaledb_catalog.chunk k
				join _timescaledb_catalog.hypertable h on h.id = k.hypertable_id
				join timescaledb_information.continuous_aggregates a on a.materialization_hypertable_name = h.table_name
				where a.view_name = 'bars_5m_cagg' and not k.dropped and k.status > 0""", Integer.class);
	}

	private static long count(JdbcTemplate jdbc, String table, String symbol) {
		return jdbc.queryForObject("select count(*) from market." + table + " where symbol = ?", Long.class, symbol);
	}

	static Map<String, String> policies(JdbcTemplate jdbc) {
		Map<String, String> policies = new HashMap<>();
		jdbc.query("select proc_name, hypertable_name, coalesce(config ->> 'compress_after', config ->> 'drop_after') "
				+ "from timescaledb_information.jobs where hypertable_schema = 'market' "
				+ "and proc_name in ('policy_compression', 'policy_retention')", (rs) -> {
					policies.put(rs.getString(1) + " " + rs.getString(2), rs.getString(3));
				});
		return policies;
	}

	static int jobId(JdbcTemplate jdbc, String proc, String hypertable) {
		return jdbc.queryForObject("select job_id from timescaledb_information.jobs where proc_name = ? "
				+ "and hypertable_schema = 'market' and hypertable_name = ?", Integer.class, proc, hypertable);
	}

	private static List<Integer> jobIds(JdbcTemplate jdbc) {
		return jdbc.queryForList(
				"select job_id from timescaledb_information.jobs where hypertable_schema = 'market' " + "order by 1",
				Integer.class);
	}

}
