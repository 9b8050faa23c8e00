package com.marketbase.batch.job.indexminute;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.rollout.RolloutSwitches;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.BarAggregateRefresher;
import com.marketbase.batch.warehouse.MinuteBarFixture;
import com.marketbase.batch.warehouse.ReferenceAggregates;
import com.marketbase.batch.warehouse.StoredBar;
import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.batch.warehouse.WarehouseMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * index_minute end to end against the sandbox's Tushare ({@code idx_mins}) and TDX
 * gateway ({@code /api/index/all}) in the warehouses that host job runs, and its
 * continuous-aggregate refresh on the TSL target: the bars equal the source's, whole days
 * complete, the 5 to 60-minute aggregates equal an independent computation, and a day
 * loaded again from the other source replaces its bars.
 */
class IndexMinuteIntegrationTests {

	private static final LocalDate FIRST = LocalDate.of(2026, 11, 16);

	private static final LocalDate LAST = LocalDate.of(2026, 11, 20);

	private static final Map<String, String> INDEXES = Map.of("000300.SH", "SSE", "000905.SH", "SSE", "399001.SZ",
			"SZSE");

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void loadsWholeIndexDaysFromEitherSourceWithTheirAggregates(TestWarehouse warehouse) throws Exception {
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		try (Sandbox sandbox = sandbox(); ConfigurableApplicationContext app = application(sandbox, warehouse)) {
			assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
			INDEXES.forEach((symbol, exchange) -> jdbc.update(
					"insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, "
							+ "lot_size) values (?, ?, 'index', ?, '2005-01-04', 0.001, 1) on conflict do nothing",
					symbol, exchange, symbol));
			Map<String, String> week = new HashMap<>(Map.of("start_date", FIRST.toString(), "end_date", LAST.toString(),
					"symbols", String.join(",", INDEXES.keySet()), "source", "tushare"));
			app.getBean(RolloutSwitches.class).set("p2RealtimeIndexV1", false, "test", "index minutes off");
			JobLaunch launch = launch(app);
			assertThatIllegalArgumentException().isThrownBy(() -> launch.parameters(week))
				.withMessageContaining("p2RealtimeIndexV1");
			app.getBean(RolloutSwitches.class).set("p2RealtimeIndexV1", true, "test", "index minutes on");
			long before = sandbox.calls("tushare:idx_mins");

			JobExecution tushare = ReferenceRuns.launch(app, "index_minute", week);

			assertThat(tushare.getExitStatus().getExitCode()).as(tushare.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			assertThat(tushare.getExitStatus().getExitDescription())
				.startsWith("source: tushare; units: 15 complete, 0 partial, 0 suspended, 0 empty, 0 failed")
				.contains("bars: " + 15 * 240);
			assertThat(sandbox.calls("tushare:idx_mins") - before).as("one call per index").isEqualTo(3);
			var client = ReferenceRuns.client(sandbox);
			List<StoredBar> expected = new ArrayList<>();
			for (String symbol : INDEXES.keySet()) {
				expected.addAll(stored(client.indexMinuteBars(symbol, "1min", FIRST, LAST).items()));
			}
			assertThat(expected).hasSize(15 * 240);
			assertThat(indexBars(warehouse, "bars_1m")).containsExactlyInAnyOrderElementsOf(expected);
			assertAggregatesOf(warehouse);
			assertThat(jdbc.queryForList("select distinct source from market.bars_1m", String.class))
				.containsExactly("tushare");

			// The same days again from the gateway: they replace the bars, none twice.
			week.put("source", "tdx");
			week.put("mode", "full");
			JobExecution tdx = ReferenceRuns.launch(app, "index_minute", week);

			assertThat(tdx.getExitStatus().getExitCode()).as(tdx.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			assertThat(tdx.getExitStatus().getExitDescription()).startsWith("source: tdx; units: 15 complete");
			List<StoredBar> gateway = new ArrayList<>();
			for (String symbol : INDEXES.keySet()) {
				gateway.addAll(
						stored(tdxClient(sandbox).indexBars(TdxCode.index(symbol), "minute1", FIRST, LAST).items()));
			}
			assertThat(indexBars(warehouse, "bars_1m")).containsExactlyInAnyOrderElementsOf(gateway);
			assertThat(jdbc.queryForList("select distinct source from market.bars_1m", String.class))
				.containsExactly("tdx");
			assertAggregatesOf(warehouse);
			assertThat(jdbc.queryForObject("select count(*) from market.load_units where dataset = 'index_minute' "
					+ "and status = 'complete' and source = 'tdx'", Long.class))
				.isEqualTo(15);
		}
	}

	/**
	 * The TSL target cannot host a job run, so the end of one is played on it: a run's
	 * stored bars and units, then its last step refreshes the continuous aggregates.
	 */
	@Test
	void refreshesTheContinuousAggregatesOverTheRunsDaysWhenItEnds() {
		TestWarehouse warehouse = TestWarehouse.TIMESCALEDB_TSL;
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		try (Sandbox sandbox = sandbox()) {
			List<Bar> bars = ReferenceRuns.client(sandbox).indexMinuteBars("000300.SH", "1min", LAST, LAST).items();
			assertThat(bars).hasSize(240);
			MinuteBarFixture.store(warehouse.dataSource(), stored(bars));
			long batch = jdbc.queryForObject(
					"insert into market.load_batches (dataset, source) values ('index_minute', 'tushare') returning id",
					Long.class);
			jdbc.update("insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, "
					+ "rows_expected, source, load_batch_id) values ('index_minute', '000300.SH', ?, 'complete', "
					+ "240, 240, 'tushare', ?)", LAST, batch);
			IndexMinutes dataset = new IndexMinutes(null, WarehouseMode.TIMESCALEDB_FULL,
					new BarAggregateRefresher(warehouse.dataSource(), WarehouseMode.TIMESCALEDB_FULL));
			assertThat(indexBars(warehouse, "bars_5m")).isEmpty();

			assertThat(dataset.afterRun(jdbc, batch)).isEqualTo("aggregates refreshed for " + LAST);

			assertAggregatesOf(warehouse);
			assertThat(indexBars(warehouse, "bars_5m")).hasSize(48);
			assertThat(dataset.afterRun(jdbc, batch + 1)).as("a run that stored nothing").isNull();
		}
	}

	private static void assertAggregatesOf(TestWarehouse warehouse) {
		List<StoredBar> minutes = indexBars(warehouse, "bars_1m");
		assertThat(minutes).isNotEmpty();
		for (int width : new int[] { 5, 15, 30 }) {
			assertThat(indexBars(warehouse, "bars_" + width + "m")).as(width + " minutes")
				.containsExactlyElementsOf(ReferenceAggregates.minutes(minutes, width));
		}
		assertThat(indexBars(warehouse, "bars_60m")).containsExactlyElementsOf(ReferenceAggregates.hours(minutes));
	}

	private static List<StoredBar> indexBars(TestWarehouse warehouse, String table) {
		Set<String> indexes = INDEXES.keySet();
		return MinuteBarFixture.read(warehouse.dataSource(), table)
			.stream()
			.filter((bar) -> indexes.contains(bar.symbol()))
			.toList();
	}

	private static List<StoredBar> stored(List<Bar> bars) {
		return bars.stream()
			.map((bar) -> new StoredBar(bar.symbol(), bar.end(), bar.open(), bar.high(), bar.low(), bar.close(),
					bar.volume(), bar.amount()))
			.toList();
	}

	private static JobLaunch launch(ConfigurableApplicationContext app) {
		return app.getBeansOfType(JobLaunch.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.jobName().equals("index_minute"))
			.findFirst()
			.orElseThrow();
	}

	private static Sandbox sandbox() {
		return Sandbox.start(SandboxSettings.defaults()
			.withUniverse(40, 4, 0)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
	}

	private static ConfigurableApplicationContext application(Sandbox sandbox, TestWarehouse warehouse) {
		return SpringApplication.run(BatchJobsApplication.class, "--spring.datasource.url=" + warehouse.jdbcUrl(),
				"--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.tushare.calls-per-minute[default]=1000000",
				"--marketbase.sources.tdx.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tdx.calls-per-minute[default]=1000000");
	}

	private static TdxClient tdxClient(Sandbox sandbox) {
		SourceSettings settings = SourceSettings.direct(sandbox.baseUrl());
		return new TdxClient(new SourceHttp(SourceName.TDX, settings),
				new SourceGate(SourceName.TDX, settings, CallQuota.unlimited(), new SourceStates()));
	}

}
