package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.support.units.GapFinder;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.AggregateWindow;
import com.marketbase.batch.warehouse.StoredBar;
import com.marketbase.batch.warehouse.BarAggregateRefresher;
import com.marketbase.batch.warehouse.MinuteBarFixture;
import com.marketbase.batch.warehouse.ReferenceAggregates;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * minute_1m heals its own holes: an incremental run loads its day, then re-fetches
 * exactly the older symbol-days whose bars went missing (all of them, or some), within
 * its budget of calls, refreshes their aggregates, and leaves quarantined units alone. A
 * small sandbox universe, in the plain and the TimescaleDB (Apache) warehouse; the TSL
 * target takes one connection and no JDBC batches, so it cannot host a job run, and the
 * hole query alone is checked there too.
 */
class Minute1mGapsIntegrationTests {

	private static final LocalDate FIRST = LocalDate.of(2026, 11, 16);

	private static final LocalDate LOADED = LocalDate.of(2026, 11, 19);

	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	private static final LocalDate EMPTIED = LocalDate.of(2026, 11, 17);

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void healsExactlyTheDaysThatLostBarsAndRefreshesTheirAggregates(TestWarehouse warehouse) {
		JdbcTemplate jdbc = fresh(warehouse);
		try (Sandbox sandbox = sandbox(); ConfigurableApplicationContext app = application(sandbox, warehouse)) {
			long firstBatch = loadFourDays(app);
			List<String> symbols = completeSymbols(jdbc);
			Map<String, String> stored = dayFingerprints(jdbc);
			String partial = symbols.get(0) + "/" + LOADED;
			String emptied = symbols.get(1) + "/" + EMPTIED;
			loseBars(app, jdbc, symbols);
			long before = sandbox.calls("tushare:stk_mins");

			JobExecution execution = launch(app, Map.of("trade_date", DAY.toString(), "symbols",
					String.join(",", symbols), "source", "tushare", "mode", "incremental"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(sandbox.calls("tushare:stk_mins") - before).as("the day's units and the two holes")
				.isEqualTo(symbols.size() + 2);
			long batch = execution.getExecutionContext().getLong(Minute1mPrepareTasklet.LOAD_BATCH);
			assertThat(unitsOfBatch(jdbc, batch, symbols)).containsExactlyInAnyOrder(partial, emptied,
					symbols.get(0) + "/" + DAY, symbols.get(1) + "/" + DAY, symbols.get(2) + "/" + DAY);
			assertThat(unitsOfBatch(jdbc, firstBatch, symbols)).hasSize(symbols.size() * 4 - 2);
			assertThat(barBatches(jdbc, symbols, firstBatch)).as("untouched days keep their load batch")
				.isEqualTo(symbols.size() * 4 - 2);
			Map<String, String> healed = dayFingerprints(jdbc);
			healed.keySet().retainAll(stored.keySet());
			assertThat(healed).isEqualTo(stored);
			// The healed days' aggregates are refreshed, as an independent computation
			// gives them.
			assertAggregatesMatch(warehouse);
			assertThat(execution.getExitStatus().getExitDescription())
				.contains("older holes: 2 backfilled, 0 left for later runs; quarantined: 0")
				.contains("; (" + EMPTIED);

			// Nothing is missing any more: the next incremental run fetches only its day.
			long again = sandbox.calls("tushare:stk_mins");
			JobExecution second = launch(app, Map.of("trade_date", DAY.toString(), "symbols", String.join(",", symbols),
					"source", "tushare", "mode", "incremental", "force", "true"));
			assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(sandbox.calls("tushare:stk_mins") - again).isEqualTo(symbols.size());
		}
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void countsADayWithTooFewStoredBarsAsAHole(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		for (LocalDate day = FIRST; !day.isAfter(LOADED); day = day.plusDays(1)) {
			jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('SSE', ?, true)",
					day);
		}
		jdbc.update("insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, "
				+ "lot_size) values ('600000.SH', 'SSE', 'stock', 'A', '2000-01-04', 0.01, 100)");
		// Three bars expected a day (a short session keeps the seed small): Monday holds
		// them all, Tuesday two, Wednesday none; Thursday was never loaded.
		for (LocalDate day = FIRST; !day.isAfter(LOADED.minusDays(1)); day = day.plusDays(1)) {
			jdbc.update("insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, "
					+ "rows_expected, source) values ('minute_1m', '600000.SH', ?, 'complete', 3, 3, 'tushare')", day);
		}
		minuteBar(jdbc, FIRST, 9, 31);
		minuteBar(jdbc, FIRST, 9, 32);
		minuteBar(jdbc, FIRST, 15, 0);
		minuteBar(jdbc, EMPTIED, 9, 31);
		minuteBar(jdbc, EMPTIED, 9, 32);

		GapFinder finder = Minute1mPrepareTasklet.gapFinder(warehouse.dataSource());

		assertThat(finder.missing(List.of("600000.SH"), FIRST, LOADED)).containsExactly(
				new SymbolDay("600000.SH", LOADED), new SymbolDay("600000.SH", LOADED.minusDays(1)),
				new SymbolDay("600000.SH", EMPTIED));
		minuteBar(jdbc, EMPTIED, 15, 0);
		assertThat(finder.missing(null, FIRST, EMPTIED)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void healsNoMoreHolesThanItsBudgetOfCalls(TestWarehouse warehouse) {
		JdbcTemplate jdbc = fresh(warehouse);
		try (Sandbox sandbox = sandbox();
				ConfigurableApplicationContext app = application(sandbox, warehouse,
						"--marketbase.jobs.minute-1m.backfill-calls=1")) {
			loadFourDays(app);
			List<String> symbols = completeSymbols(jdbc);
			loseBars(app, jdbc, symbols);
			long before = sandbox.calls("tushare:stk_mins");

			JobExecution execution = launch(app, Map.of("trade_date", DAY.toString(), "symbols",
					String.join(",", symbols), "source", "tushare", "mode", "incremental"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(sandbox.calls("tushare:stk_mins") - before).isEqualTo(symbols.size() + 1);
			long batch = execution.getExecutionContext().getLong(Minute1mPrepareTasklet.LOAD_BATCH);
			// Newest first: the partial day is healed, the older emptied day waits.
			assertThat(unitsOfBatch(jdbc, batch, symbols)).contains(symbols.get(0) + "/" + LOADED)
				.doesNotContain(symbols.get(1) + "/" + EMPTIED)
				.hasSize(symbols.size() + 1);
			assertThat(execution.getExitStatus().getExitDescription())
				.contains("older holes: 1 backfilled, 1 left for later runs");
			assertThat(count(jdbc, symbols.get(1), EMPTIED)).as("the emptied day is still empty").isZero();
			assertThat(count(jdbc, symbols.get(0), LOADED)).isEqualTo(240);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void quarantinesAUnitThatKeepsFailingAndLeavesItOut(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		try (Sandbox sandbox = sandbox();
				ConfigurableApplicationContext app = application(sandbox, warehouse,
						"--marketbase.jobs.minute-1m.quarantine-after=2", "--marketbase.jobs.minute-1m.partitions=1",
						"--marketbase.sources.tushare.retry.max-retries=0")) {
			loadFourDays(app);
			List<String> symbols = completeSymbols(jdbc);
			Map<String, String> incremental = new HashMap<>(Map.of("trade_date", DAY.toString(), "symbols",
					String.join(",", symbols), "source", "tushare", "mode", "incremental"));
			String failing = symbols.get(0) + "/" + DAY;

			// One partition walks the symbols in order: the first call is the first
			// symbol's.
			sandbox.inject("tushare:stk_mins", SandboxFault.HTTP_500, 1);
			JobExecution first = launch(app, incremental);
			assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(quarantined(jdbc)).isEmpty();
			// The aggregate step does not run after a failed load, yet what the load
			// committed is aggregated: the writer rolled it up with each chunk.
			assertThat(count(jdbc, symbols.get(1), DAY)).isEqualTo(240);
			assertAggregatesMatch(warehouse);
			assertThat(first.getExitStatus().getExitDescription())
				.contains("aggregates refreshed: with each committed chunk");
			incremental.put("force", "true");
			sandbox.inject("tushare:stk_mins", SandboxFault.HTTP_500, 1);
			JobExecution second = launch(app, incremental);
			assertThat(second.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(quarantined(jdbc)).containsExactly(failing);
			assertThat(jdbc.queryForObject("select retry_count from market.failed_work_units where unit_key = ?",
					Integer.class, failing))
				.isEqualTo(1);

			// Restarting that execution leaves out the unit it quarantined: it completes
			// without calling the source again for it.
			long beforeRestart = sandbox.calls("tushare:stk_mins");
			JobExecution restarted = app.getBean(JobOperator.class).restart(second);
			assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(sandbox.calls("tushare:stk_mins") - beforeRestart).isZero();

			long before = sandbox.calls("tushare:stk_mins");
			JobExecution third = launch(app, incremental);

			assertThat(third.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(sandbox.calls("tushare:stk_mins") - before).as("the quarantined unit is left out")
				.isEqualTo(symbols.size() - 1);
			assertThat(third.getExitStatus().getExitDescription())
				.contains("quarantined: 1 (" + failing + "; see 'quarantine list minute_1m')");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void rebuildsTheAggregatesOfEveryDayItLoadsAlsoWhereNoBarsCame(TestWarehouse warehouse) {
		JdbcTemplate jdbc = fresh(warehouse);
		try (Sandbox sandbox = sandbox(); ConfigurableApplicationContext app = application(sandbox, warehouse)) {
			loadFourDays(app);
			String complete = completeSymbols(jdbc).get(0);
			// The source has no bars for this listing; both it and a symbol that loads
			// complete have levels left for the day from bars since deleted.
			jdbc.update("insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, "
					+ "lot_size) values ('699999.SH', 'SSE', 'stock', 'No bars', '2000-01-04', 0.01, 100)");
			for (String symbol : List.of("699999.SH", complete)) {
				// 10:30 ends a bar of every level.
				jdbc.update(
						"insert into " + BarAggregateRefresher.TABLE + " values (?, ?, "
								+ String.join(", ", java.util.Collections.nCopies(24, "1")) + ")",
						symbol, at(DAY, 10, 30));
			}

			JobExecution execution = launch(app,
					Map.of("trade_date", DAY.toString(), "symbols", "699999.SH," + complete, "source", "tushare"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(jdbc.queryForList(
					"select status from market.load_units where dataset = 'minute_1m' " + "and symbol = '699999.SH'",
					String.class))
				.containsExactly("empty");
			assertThat(count(jdbc, complete, DAY)).isEqualTo(240);
			assertAggregatesMatch(warehouse);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void refreshesAfterTheLoadWhenAnEarlierExecutionLoadedWithoutRollingUp(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		long failed;
		try (Sandbox sandbox = sandbox()) {
			try (ConfigurableApplicationContext app = application(sandbox, warehouse,
					"--marketbase.jobs.minute-1m.roll-up-while-loading=false",
					"--marketbase.jobs.minute-1m.partitions=1", "--marketbase.sources.tushare.retry.max-retries=0")) {
				sandbox.inject("tushare:stk_mins", SandboxFault.HTTP_500, 1);
				JobExecution first = launch(app, Map.of("trade_date", DAY.toString(), "source", "tushare"));
				assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
				failed = first.getId();
			}
			// As if that process had died before it could refresh what it loaded.
			for (String table : List.of("bars_5m", "bars_15m", "bars_30m", "bars_60m")) {
				jdbc.update("delete from market." + table);
			}
			try (ConfigurableApplicationContext app = application(sandbox, warehouse)) {
				JobExecution restarted = app.getBean(JobOperator.class)
					.restart(app.getBean(org.springframework.batch.core.repository.JobRepository.class)
						.getJobExecution(failed));
				assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			}
		}
		assertThat(jdbc.queryForObject("select count(*) from market.bars_1m", Long.class)).isGreaterThan(240L * 10);
		assertAggregatesMatch(warehouse);
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void refreshesWhatAFailedLoadCommittedWhereTheWriterDoesNotRollUp(TestWarehouse warehouse) {
		JdbcTemplate jdbc = fresh(warehouse);
		try (Sandbox sandbox = sandbox();
				ConfigurableApplicationContext app = application(sandbox, warehouse,
						"--marketbase.jobs.minute-1m.roll-up-while-loading=false",
						"--marketbase.jobs.minute-1m.partitions=1",
						"--marketbase.sources.tushare.retry.max-retries=0")) {
			sandbox.inject("tushare:stk_mins", SandboxFault.HTTP_500, 1);

			JobExecution execution = launch(app, Map.of("trade_date", DAY.toString(), "source", "tushare"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(jdbc.queryForObject("select count(*) from market.bars_1m", Long.class)).isGreaterThan(240L * 10);
			assertAggregatesMatch(warehouse);
			assertThat(execution.getExitStatus().getExitDescription()).contains("Beijing time after the failed load");
		}
	}

	private static JdbcTemplate fresh(TestWarehouse warehouse) {
		warehouse.reset();
		return new JdbcTemplate(warehouse.dataSource());
	}

	private static Sandbox sandbox() {
		return Minute1mRuns.sandbox(SandboxSettings.defaults().withUniverse(12, 0, 0));
	}

	private static ConfigurableApplicationContext application(Sandbox sandbox, TestWarehouse warehouse,
			String... more) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + warehouse.jdbcUrl(),
				"--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.tushare.calls-per-minute[default]=1000000"));
		args.addAll(List.of(more));
		return SpringApplication.run(BatchJobsApplication.class, args.toArray(new String[0]));
	}

	private static JobExecution launch(ConfigurableApplicationContext app, Map<String, String> parameters) {
		try {
			return app.getBean(JobOperator.class)
				.start(app.getBean("minute1mJob", Job.class), app.getBean(Minute1mLaunch.class).parameters(parameters));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long loadFourDays(ConfigurableApplicationContext app) {
		JobExecution execution = launch(app,
				Map.of("start_date", FIRST.toString(), "end_date", LOADED.toString(), "source", "tushare"));
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return execution.getExecutionContext().getLong(Minute1mPrepareTasklet.LOAD_BATCH);
	}

	// Three symbols whose four loaded days are all complete: no holes of their own.
	private static List<String> completeSymbols(JdbcTemplate jdbc) {
		List<String> symbols = jdbc.queryForList("select symbol from market.load_units where dataset = 'minute_1m' "
				+ "group by symbol having count(*) filter (where status = 'complete') = 4 order by symbol limit 3",
				String.class);
		assertThat(symbols).hasSize(3);
		return symbols;
	}

	// Part of the first symbol's last loaded day and all of the second's day before
	// go, and the aggregates are refreshed over the loss so that only a refresh after
	// the heal brings them back.
	private static void loseBars(ConfigurableApplicationContext app, JdbcTemplate jdbc, List<String> symbols) {
		assertThat(jdbc.update("delete from market.bars_1m where symbol = ? and ts > ? and ts <= ?", symbols.get(0),
				at(LOADED, 9, 30), at(LOADED, 10, 0)))
			.isEqualTo(30);
		assertThat(jdbc.update("delete from market.bars_1m where symbol = ? and ts > ? and ts <= ?", symbols.get(1),
				at(EMPTIED, 0, 0), at(EMPTIED, 23, 0)))
			.isEqualTo(240);
		app.getBean(BarAggregateRefresher.class).refresh(AggregateWindow.days(FIRST, LOADED));
	}

	private static void minuteBar(JdbcTemplate jdbc, LocalDate day, int hour, int minute) {
		jdbc.update(
				"insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
						+ "load_batch_id) " + "values ('600000.SH', ?, 10, 10, 10, 10, 100, 1000, 'tushare', 1)",
				at(day, hour, minute));
	}

	private static java.time.OffsetDateTime at(LocalDate day, int hour, int minute) {
		return day.atTime(hour, minute).atZone(AggregateWindow.MARKET_ZONE).toOffsetDateTime();
	}

	private static List<String> unitsOfBatch(JdbcTemplate jdbc, long batch, List<String> symbols) {
		return jdbc.queryForList(
				"select symbol || '/' || trade_date from market.load_units where dataset = 'minute_1m' "
						+ "and load_batch_id = ? and symbol = any (string_to_array(?, ','))",
				String.class, batch, String.join(",", symbols));
	}

	// Symbol-days of bars still stamped with a batch.
	private static int barBatches(JdbcTemplate jdbc, List<String> symbols, long batch) {
		Integer days = jdbc.queryForObject(
				"select count(distinct (symbol, (ts at time zone 'Asia/Shanghai')::date)) "
						+ "from market.bars_1m where load_batch_id = ? and symbol = any (string_to_array(?, ','))",
				Integer.class, batch, String.join(",", symbols));
		return (days != null) ? days : 0;
	}

	private static long count(JdbcTemplate jdbc, String symbol, LocalDate day) {
		Long count = jdbc.queryForObject("select count(*) from market.bars_1m where symbol = ? "
				+ "and (ts at time zone 'Asia/Shanghai')::date = ?", Long.class, symbol, day);
		return (count != null) ? count : 0;
	}

	// A digest of every symbol-day's bars, to compare healed days with what was first
	// stored.
	private static Map<String, String> dayFingerprints(JdbcTemplate jdbc) {
		Map<String, String> result = new HashMap<>();
		jdbc.query("select symbol || '/' || (ts at time zone 'Asia/Shanghai')::date, count(*) || ' ' || md5(string_agg("
				+ "ts::text || open::text || high::text || low::text || close::text || volume::text || amount::text, "
				+ "',' order by ts)) from market.bars_1m group by 1", (rs) -> {
					result.put(rs.getString(1), rs.getString(2));
				});
		return result;
	}

	private static List<String> quarantined(JdbcTemplate jdbc) {
		return jdbc.queryForList("select unit_key from market.failed_work_units where dataset = 'minute_1m' "
				+ "and quarantined_at is not null and resolved_at is null", String.class);
	}

	private static void assertAggregatesMatch(TestWarehouse warehouse) {
		List<StoredBar> bars = MinuteBarFixture.read(warehouse.dataSource(), "bars_1m");
		assertThat(MinuteBarFixture.read(warehouse.dataSource(), "bars_5m"))
			.isEqualTo(ReferenceAggregates.minutes(bars, 5));
		assertThat(MinuteBarFixture.read(warehouse.dataSource(), "bars_15m"))
			.isEqualTo(ReferenceAggregates.minutes(bars, 15));
		assertThat(MinuteBarFixture.read(warehouse.dataSource(), "bars_30m"))
			.isEqualTo(ReferenceAggregates.minutes(bars, 30));
		assertThat(MinuteBarFixture.read(warehouse.dataSource(), "bars_60m"))
			.isEqualTo(ReferenceAggregates.hours(bars));
	}

}
