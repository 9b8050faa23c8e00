package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.support.pipeline.DatasetJobs;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.warehouse.Suspension;
import com.marketbase.batch.warehouse.reference.TradingDay;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * daily, index_daily and etf_daily end to end against a sandbox of 200 stocks, 10 ETFs
 * and the indexes, spoken to through the real Tushare connector, in the plain and the
 * TimescaleDB (Apache) warehouse. The TSL target takes one connection and no JDBC
 * batches, so it cannot host a job run; the jobs' gap and adjustment SQL is checked there
 * by {@code GapFinderIntegrationTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DailyBarsJobIntegrationTests {

	private static final LocalDate FIRST = LocalDate.of(2026, 10, 21);

	private static final LocalDate LAST = LocalDate.of(2026, 11, 20);

	private static final Map<String, String> MONTH = Map.of("start_date", FIRST.toString(), "end_date", LAST.toString(),
			"source", "tushare");

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void loadsEveryUnitOfAMonthOnceAndASecondRunFetchesNothing(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		{
			Sandbox sandbox = served;
			ConfigurableApplicationContext app = shared(warehouse, Map.of());
			loadInstruments(app);
			Map<String, Long> before = sandbox.counts();

			JobExecution execution = ReferenceRuns.launch(app, "daily", MONTH);

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitCode()).as(execution.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			// Whole days were fetched: one call per day per endpoint, not per stock.
			int days = openDays(jdbc).size();
			assertThat(calls(sandbox, before, "daily")).isEqualTo(days);
			assertThat(calls(sandbox, before, "adj_factor")).isEqualTo(days);
			assertThat(calls(sandbox, before, "suspend_d")).isEqualTo(days);
			// Every listed stock on every open day, exactly once.
			int owed = owedUnits(jdbc, "stock");
			assertThat(count(jdbc, "select count(*) from market.load_units where dataset = 'daily'")).isEqualTo(owed);
			// What the source has, checked past the application.
			TushareClient client = ReferenceRuns.client(sandbox);
			Set<String> listed = new HashSet<>(jdbc
				.queryForList("select symbol from market.instruments where asset_class = 'stock'", String.class));
			long sourceBars = 0;
			long sourceVolume = 0;
			for (LocalDate day : openDays(jdbc)) {
				for (DailyBar bar : client.dailyOfMarket(day).items()) {
					if (listed.contains(bar.symbol())) {
						sourceBars++;
						sourceVolume += bar.volume();
					}
				}
			}
			List<Suspension> suspensions = client.suspensions(null, FIRST, LAST).items();
			assertThat(count(jdbc, "select count(*) from market.bars_daily")).isEqualTo(sourceBars);
			assertThat(count(jdbc, "select sum(volume) from market.bars_daily")).isEqualTo(sourceVolume);
			assertThat(count(jdbc, "select count(*) from market.bars_daily where adj_factor is null")).isZero();
			assertThat(count(jdbc, "select count(*) from market.load_units where status = 'complete'"))
				.isEqualTo(sourceBars);
			// Suspended days are recorded as such, never as holes.
			assertThat(suspensions).isNotEmpty();
			assertThat(count(jdbc, "select count(*) from market.load_units where status = 'suspended'"))
				.isEqualTo(suspensions.stream().filter((s) -> listed.contains(s.symbol())).count())
				.isEqualTo(owed - sourceBars);
			for (Suspension suspension : suspensions.subList(0, Math.min(5, suspensions.size()))) {
				assertThat(jdbc.queryForObject(
						"select status from market.load_units where symbol = ? " + "and trade_date = ?", String.class,
						suspension.symbol(), suspension.tradeDate()))
					.isEqualTo("suspended");
			}
			assertThat(execution.getExitStatus().getExitDescription())
				.startsWith("source: tushare; units: " + sourceBars + " complete, 0 partial, " + (owed - sourceBars)
						+ " suspended, 0 empty, 0 failed, 0 quarantined; bars: " + sourceBars);
			// Weekly and monthly bars were refreshed with every chunk of daily bars.
			Map<String, String> periods = PeriodBarsReference.expected(jdbc);
			assertThat(periods).hasSizeGreaterThan(5 * owed / openDays(jdbc).size());
			assertThat(PeriodBarsReference.stored(jdbc)).isEqualTo(periods);
			assertThat(PeriodBarsReference.storedForwardCloses(jdbc, "market.bars_monthly_forward_adjusted", "month"))
				.isEqualTo(PeriodBarsReference.forwardCloses(jdbc, "month"));
			String stored = fingerprint(jdbc);

			Map<String, Long> beforeSecond = sandbox.counts();
			JobExecution second = ReferenceRuns.launch(app, "daily", forced(MONTH));

			assertThat(second.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
			assertThat(second.getExitStatus().getExitDescription())
				.startsWith("Nothing was missing; source: tushare; units: 0 complete");
			assertThat(sandbox.counts()).as("calls of the second run").isEqualTo(beforeSecond);
			assertThat(fingerprint(jdbc)).isEqualTo(stored);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void healsExactlyTheDeletedRows(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		{
			Sandbox sandbox = served;
			ConfigurableApplicationContext app = shared(warehouse, Map.of("marketbase.jobs.daily.backfill-calls", "6"));
			loadInstruments(app);
			assertThat(ReferenceRuns.launch(app, "daily", MONTH).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			String complete = fingerprint(jdbc);
			long rows = count(jdbc, "select count(*) from market.bars_daily");
			List<String> deleted = jdbc.queryForList(
					"select symbol || '/' || trade_date from market.bars_daily "
							+ "where trade_date < '2026-11-20' order by md5(symbol || trade_date) limit 15",
					String.class);
			Set<String> symbols = new HashSet<>();
			for (String key : deleted) {
				String[] parts = key.split("/");
				symbols.add(parts[0]);
				jdbc.update("delete from market.bars_daily where symbol = ? and trade_date = ?", parts[0],
						LocalDate.parse(parts[1]));
			}
			Map<String, String> untouched = stamps(jdbc);
			Map<String, Long> before = sandbox.counts();
			// The month's launch completed; asked again, it says what is missing now.
			JobLaunch daily = app.getBeansOfType(JobLaunch.class)
				.values()
				.stream()
				.filter((launch) -> launch.jobName().equals("daily"))
				.findFirst()
				.orElseThrow();
			assertThat(daily.alreadyCompleted(daily.parameters(MONTH)))
				.startsWith("daily already completed for these parameters, but 15 unit(s) it owes from ")
				.endsWith(" are missing now; add force=true, which in incremental mode loads only those.");

			// The day's run heals older holes within its budget: 6 calls, 2 per stock.
			JobExecution today = ReferenceRuns.launch(app, "daily",
					forced(Map.of("trade_date", LAST.toString(), "source", "tushare")));

			assertThat(calls(sandbox, before, "daily")).isEqualTo(3);
			long todayBatch = today.getExecutionContext().getLong(DatasetJobs.LOAD_BATCH);
			long healedFirst = count(jdbc,
					"select count(*) from market.bars_daily where load_batch_id = " + todayBatch);
			assertThat(healedFirst).isPositive().isLessThan(15);
			assertThat(today.getExitStatus().getExitDescription())
				.startsWith("source: tushare; units: " + healedFirst + " complete, 0 partial")
				.endsWith("older holes healed: " + healedFirst + ", left for later runs: " + (15 - healedFirst));

			// A run over the month heals the rest.
			before = sandbox.counts();
			JobExecution healing = ReferenceRuns.launch(app, "daily", forced(MONTH));

			assertThat(healing.getExitStatus().getExitCode()).as(healing.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			assertThat(healing.getExitStatus().getExitDescription())
				.startsWith("source: tushare; units: " + (15 - healedFirst) + " complete, 0 partial");
			assertThat(count(jdbc, "select count(*) from market.bars_daily")).isEqualTo(rows);
			assertThat(fingerprint(jdbc)).isEqualTo(complete);
			assertThat(PeriodBarsReference.stored(jdbc)).isEqualTo(PeriodBarsReference.expected(jdbc));
			long batch = healing.getExecutionContext().getLong(DatasetJobs.LOAD_BATCH);
			assertThat(jdbc.queryForList(
					"select symbol || '/' || trade_date from market.bars_daily where load_batch_id in (?, ?)",
					String.class, todayBatch, batch))
				.containsExactlyInAnyOrderElementsOf(deleted);
			Map<String, String> after = stamps(jdbc);
			untouched.forEach((key, stamp) -> assertThat(after.get(key)).as(key).isEqualTo(stamp));
			// Few holes a day: one call per affected stock, not whole days.
			assertThat(calls(sandbox, before, "daily")).isEqualTo(symbols.size() - 3);
			assertThat(calls(sandbox, before, "adj_factor")).isEqualTo(symbols.size() - 3);
		}
	}

	// An execution prepared before loads were partitioned has its cursor in the load step
	// itself; it resumes there.
	@ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(booleans = { false, true })
	void aRestartChecksItsCheckpointAndReadsAgainWhatIsNotInTheWarehouse(boolean preparedUnpartitioned)
			throws Exception {
		TestWarehouse warehouse = TestWarehouse.TIMESCALEDB;
		JdbcTemplate jdbc = fresh(warehouse);
		// One day per chunk, so that the run stops with some days behind its checkpoint.
		try (ConfigurableApplicationContext app = application(served, warehouse,
				"--marketbase.jobs.daily.chunk-units=1")) {
			loadInstruments(app);
			// The warehouse's calendar comes with the first run; the source's is the
			// same.
			List<LocalDate> days = ReferenceRuns.client(served)
				.tradeCalendar("SSE", FIRST, LAST)
				.items()
				.stream()
				.filter(TradingDay::open)
				.map(TradingDay::date)
				.toList();
			LocalDate broken = days.get(days.size() / 2);
			// A changed format ends the run there.
			served.inject("tushare:daily", "trade_date", broken.toString().replace("-", ""),
					SandboxFault.RENAMED_COLUMN, 1);
			JobExecution first;
			try {
				first = ReferenceRuns.launch(app, "daily", MONTH);
			}
			finally {
				served.clearFaults();
			}
			assertThat(first.getStatus()).as(first.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.FAILED);
			List<LocalDate> stored = jdbc.queryForList(
					"select distinct trade_date from market.load_units where dataset = 'daily' order by 1",
					LocalDate.class);
			assertThat(stored).isNotEmpty().doesNotContain(broken);
			if (preparedUnpartitioned) {
				Long manager = jdbc.queryForObject("select step_execution_id from batch_step_execution "
						+ "where job_execution_id = ? and step_name = 'daily.load'", Long.class, first.getId());
				jdbc.update("delete from batch_step_execution_context where step_execution_id = ?", manager);
				jdbc.update("delete from batch_step_execution where step_execution_id = ?", manager);
				assertThat(
						jdbc.update(
								"update batch_step_execution set step_name = 'daily.load' where "
										+ "job_execution_id = ? and step_name = 'daily.load.worker:partition0'",
								first.getId()))
					.isOne();
			}
			// A day behind the checkpoint goes missing, as if its chunk had been lost.
			LocalDate lost = stored.get(0);
			int deleted = jdbc.update("delete from market.load_units where dataset = 'daily' and trade_date = ?", lost);
			jdbc.update("delete from market.bars_daily where trade_date = ?", lost);
			Map<String, Long> before = served.counts();

			JobExecution restarted = app.getBean(JobOperator.class).restart(first);

			assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(restarted.getExitStatus().getExitDescription())
				.contains("; checkpoints: 1 of " + stored.size() + " fetches read before the checkpoint were not all "
						+ "in the warehouse, " + deleted + " unit(s) (")
				.contains("/" + lost + ", ...), and were read again");
			// Each day read once more: the days after the checkpoint, then the lost one.
			assertThat(calls(served, before, "daily")).isEqualTo(days.size() - stored.size() + 1);
			TushareClient client = ReferenceRuns.client(served);
			Set<String> listed = new HashSet<>(jdbc
				.queryForList("select symbol from market.instruments where asset_class = 'stock'", String.class));
			long sourceBars = 0;
			for (LocalDate day : days) {
				sourceBars += client.dailyOfMarket(day)
					.items()
					.stream()
					.filter((bar) -> listed.contains(bar.symbol()))
					.count();
			}
			assertThat(count(jdbc, "select count(*) from market.bars_daily")).isEqualTo(sourceBars);
			assertThat(count(jdbc, "select count(*) from market.load_units where dataset = 'daily'"))
				.isEqualTo(owedUnits(jdbc, "stock"));
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void quarantinesAUnitThatAlwaysFailsWhileTheRestCompletes(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		try (Sandbox sandbox = sandbox();
				ConfigurableApplicationContext app = application(sandbox, warehouse,
						"--marketbase.jobs.daily.quarantine-after=2")) {
			loadInstruments(app);
			String poisoned = jdbc.queryForObject("select min(symbol) from market.instruments "
					+ "where asset_class = 'stock' and list_date < '2026-01-01'", String.class);
			sandbox.poison(poisoned);
			Map<String, String> day = Map.of("trade_date", LAST.toString(), "source", "tushare");
			String unit = poisoned + "/" + LAST;

			JobExecution first = ReferenceRuns.launch(app, "daily", day);

			assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(first.getExitStatus().getExitCode()).isEqualTo(DatasetJobs.INCOMPLETE);
			assertThat(first.getExitStatus().getExitDescription())
				.startsWith("1 unit(s) failed and will be retried by the next run; source: tushare; units: ")
				.contains(" 0 empty, 1 failed, 0 quarantined;");
			assertThat(jdbc.queryForObject("select status || ' ' || reason from market.load_units where symbol = ?",
					String.class, poisoned))
				.startsWith("failed rejected: high ");
			assertThat(jdbc.queryForObject("select retry_count || ' ' || (quarantined_at is null) "
					+ "from market.failed_work_units where unit_key = ?", String.class, unit))
				.isEqualTo("0 true");
			int owed = owedUnits(jdbc, "stock");

			// The next run retries only the failed unit, with a call of its own.
			Map<String, Long> before = sandbox.counts();
			JobExecution second = ReferenceRuns.launch(app, "daily", forced(day));

			assertThat(calls(sandbox, before, "daily")).isEqualTo(1);
			assertThat(second.getExitStatus().getExitDescription()).contains(" 1 failed, 1 quarantined (" + unit);
			assertThat(jdbc.queryForObject("select retry_count || ' ' || (quarantined_at is null) || ' ' || last_error "
					+ "from market.failed_work_units where unit_key = ?", String.class, unit))
				.startsWith("1 false rejected: high ");

			// Quarantined, it no longer holds runs up.
			before = sandbox.counts();
			JobExecution third = ReferenceRuns.launch(app, "daily", forced(day));

			assertThat(third.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
			assertThat(third.getExitStatus().getExitDescription()).startsWith("Nothing was missing; ")
				.contains(" 1 quarantined (" + unit + "; see 'quarantine list daily')");
			assertThat(calls(sandbox, before, "daily")).isZero();
			assertThat(count(jdbc, "select count(*) from market.load_units where status in ('complete', 'suspended')"))
				.isEqualTo(owed - 1);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void aDayTheSourceHasNothingForIsNotASuccessEvenWhenOlderHolesHeal(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		{
			Sandbox sandbox = served;
			ConfigurableApplicationContext app = shared(warehouse, Map.of("marketbase.jobs.daily.backfill-calls", "6"));
			loadInstruments(app);
			assertThat(ReferenceRuns
				.launch(app, "calendar",
						Map.of("start_date", "2026-11-01", "end_date", "2026-11-30", "source", "tushare"))
				.getStatus()).isEqualTo(BatchStatus.COMPLETED);

			// Launched before the source has published the day (the sandbox's data ends
			// on
			// LAST), while older days are still holes.
			JobExecution execution = ReferenceRuns.launch(app, "daily",
					Map.of("trade_date", "2026-11-23", "source", "tushare"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitCode()).as(execution.getExitStatus().getExitDescription())
				.isEqualTo("NOTHING_LOADED");
			assertThat(execution.getExitStatus().getExitDescription())
				.startsWith("The source had no bars for the requested days (");
			assertThat(count(jdbc, "select count(*) from market.bars_daily where trade_date < '2026-11-23'"))
				.as("older holes were healed in the same run")
				.isPositive();
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void loadsIndexesAndEtfs(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		{
			Sandbox sandbox = served;
			ConfigurableApplicationContext app = shared(warehouse, Map.of());
			loadInstruments(app);
			Map<String, String> indexes = Map.of("000001.SH", "SSE", "000300.SH", "SSE", "000905.SH", "SSE",
					"000688.SH", "SSE", "399001.SZ", "SZSE", "399006.SZ", "SZSE", "899050.BJ", "BSE");
			indexes.forEach((symbol, exchange) -> jdbc.update(
					"insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, "
							+ "lot_size) values (?, ?, 'index', ?, '2005-01-04', 0.001, 1) on conflict do nothing",
					symbol, exchange, symbol));
			for (String etf : List.of("510300.SH", "510500.SH", "518880.SH", "588000.SH", "159915.SZ", "159919.SZ",
					"512006.SH", "512007.SH", "512008.SH", "512009.SH")) {
				jdbc.update("insert into market.instruments (symbol, exchange, asset_class, name, list_date, "
						+ "tick_size, lot_size) values (?, ?, 'etf', ?, '2015-01-05', 0.001, 100) on conflict do nothing",
						etf, etf.endsWith(".SH") ? "SSE" : "SZSE", etf);
			}
			Map<String, String> week = Map.of("start_date", "2026-11-16", "end_date", LAST.toString(), "source",
					"tushare");
			Map<String, Long> before = sandbox.counts();

			JobExecution index = ReferenceRuns.launch(app, "index_daily", week);
			JobExecution etf = ReferenceRuns.launch(app, "etf_daily", week);

			assertThat(index.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
			assertThat(etf.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
			assertThat(index.getExitStatus().getExitDescription())
				.startsWith("source: tushare; units: 35 complete, 0 partial");
			assertThat(etf.getExitStatus().getExitDescription())
				.startsWith("source: tushare; units: 50 complete, 0 partial");
			assertThat(calls(sandbox, before, "index_daily")).as("one call per index").isEqualTo(7);
			assertThat(calls(sandbox, before, "daily")).isZero();
			assertThat(count(jdbc, "select count(*) from market.load_units where dataset = 'index_daily'"))
				.isEqualTo(35);
			TushareClient client = ReferenceRuns.client(sandbox);
			for (String symbol : List.of("000300.SH", "899050.BJ", "510300.SH", "159915.SZ")) {
				List<DailyBar> source = symbol.startsWith("5") || symbol.startsWith("1")
						? client.fundDaily(symbol, LocalDate.parse("2026-11-16"), LAST).items()
						: client.indexDaily(symbol, LocalDate.parse("2026-11-16"), LAST).items();
				assertThat(source).hasSize(5);
				for (DailyBar bar : source) {
					assertThat(jdbc.queryForObject("select close || ' ' || volume || ' ' || amount || ' ' "
							+ "|| (adj_factor is null) from market.bars_daily where symbol = ? and trade_date = ?",
							String.class, symbol, bar.tradeDate()))
						.isEqualTo(bar.close().toPlainString() + " " + bar.volume() + " " + bar.amount().toPlainString()
								+ " true");
				}
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void loadsRawBarsFromTdxWithoutAdjustmentFactors(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		{
			Sandbox sandbox = served;
			ConfigurableApplicationContext app = shared(warehouse, Map.of());
			loadInstruments(app);
			List<String> symbols = jdbc
				.queryForList("select symbol from market.instruments where asset_class = 'stock' and list_status = 'L' "
						+ "and list_date < '2026-01-01' order by symbol limit 3", String.class);
			Map<String, String> week = Map.of("start_date", "2026-11-16", "end_date", LAST.toString(), "symbols",
					String.join(",", symbols), "source", "tdx");
			Map<String, Long> before = sandbox.counts();

			JobExecution execution = ReferenceRuns.launch(app, "daily", week);

			assertThat(execution.getExitStatus().getExitCode()).as(execution.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			assertThat(sandbox.calls("tdx:/api/kline-all") - before.getOrDefault("tdx:/api/kline-all", 0L))
				.as("one call per stock")
				.isEqualTo(3);
			TushareClient client = ReferenceRuns.client(sandbox);
			for (String symbol : symbols) {
				for (DailyBar bar : client.daily(symbol, LocalDate.parse("2026-11-16"), LAST).items()) {
					assertThat(count(jdbc,
							"select count(*) from market.bars_daily where symbol = '" + symbol + "' and trade_date = '"
									+ bar.tradeDate() + "' and close = " + bar.close() + " and volume = " + bar.volume()
									+ " and amount = " + bar.amount() + " and adj_factor is null and source = 'tdx'"))
						.as(symbol + " " + bar.tradeDate())
						.isEqualTo(1);
				}
			}
			assertThat(jdbc.queryForList("select distinct reason from market.load_units where status = 'complete'",
					String.class))
				.containsExactly("TDX gateway gives no adjustment factors");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void fallsBackToThePerCodeEndpointsWhenTheBulkCallFailsOrComesBackEmpty(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		Sandbox sandbox = served;
		ConfigurableApplicationContext app = shared(warehouse, Map.of());
		loadInstruments(app);
		List<String> stocks = jdbc
			.queryForList("select symbol from market.instruments where asset_class = 'stock' and list_status = 'L' "
					+ "and list_date < '2026-01-01' order by symbol limit 4", String.class);
		String index = jdbc.queryForObject(
				"select min(symbol) from market.instruments where asset_class = 'index' and symbol like '%.SH'",
				String.class);
		// The last three open days: within the gateway's latest 800 one-minute bars.
		Map<String, String> days = Map.of("start_date", "2026-11-18", "end_date", LAST.toString(), "source", "tdx");
		Map<String, String> stockDays = new HashMap<>(days);
		stockDays.put("symbols", String.join(",", stocks));
		Map<String, String> indexDays = new HashMap<>(days);
		indexDays.put("symbols", index);
		assertThat(ReferenceRuns.launch(app, "daily", stockDays).getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		assertThat(ReferenceRuns.launch(app, "index_daily", indexDays).getExitStatus().getExitCode())
			.isEqualTo("COMPLETED");
		String bulk = bars(jdbc);
		assertThat(count(jdbc, "select count(*) from market.bars_daily")).isEqualTo(5 * 3);
		jdbc.update("delete from market.bars_daily");
		jdbc.update("delete from market.load_units");

		// Every attempt of one stock's bulk call fails; another's comes back empty.
		sandbox.inject("tdx:/api/kline-all", "code", stocks.get(0).substring(0, 6), SandboxFault.HTTP_502, 100);
		sandbox.inject("tdx:/api/kline-all", "code", stocks.get(1).substring(0, 6), SandboxFault.EMPTY_ANSWER, 1);
		sandbox.inject("tdx:/api/index/all", SandboxFault.EMPTY_ANSWER, 1);
		Map<String, Long> before = sandbox.counts();
		try {
			JobExecution stocksRun = ReferenceRuns.launch(app, "daily", forced(stockDays));
			JobExecution indexRun = ReferenceRuns.launch(app, "index_daily", forced(indexDays));

			assertThat(stocksRun.getExitStatus().getExitCode()).as(stocksRun.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			assertThat(stocksRun.getExitStatus().getExitDescription())
				.startsWith("source: tdx; units: 12 complete, 0 partial, 0 suspended, 0 empty, 0 failed, 0 quarantined")
				.contains("bulk call fallback: 6 unit(s) from the per-code endpoints");
			assertThat(indexRun.getExitStatus().getExitDescription())
				.contains("bulk call fallback: 3 unit(s) from the per-code endpoints");
			assertThat(bars(jdbc)).isEqualTo(bulk);
			assertThat(jdbc.queryForList("select distinct symbol || ': ' || reason from market.load_units "
					+ "where reason like '%fallback%' order by 1", String.class))
				.containsExactly(index + ": per-code fallback: /api/index, as /api/index/all came back without them",
						stocks.get(0) + ": TDX gateway gives no adjustment factors; per-code fallback: "
								+ "1-minute bars, as /api/kline-all failed: TDX gateway /api/kline-all failed for now: "
								+ "gave up after 5 attempts, the last one: TDX gateway /api/kline-all failed for now: "
								+ "HTTP 502",
						stocks.get(1) + ": TDX gateway gives no adjustment factors; per-code fallback: "
								+ "1-minute bars, as /api/kline-all came back without them");
			// One extra call per code that fell back, and none for the others.
			assertThat(sandbox.calls("tdx:/api/kline-history") - before.getOrDefault("tdx:/api/kline-history", 0L))
				.isEqualTo(2);
			assertThat(sandbox.calls("tdx:/api/index") - before.getOrDefault("tdx:/api/index", 0L)).isEqualTo(1);
		}
		finally {
			sandbox.clearFaults();
		}
	}

	private static String bars(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select count(*) || ' ' || md5(string_agg(symbol || trade_date || trim_scale(open) "
				+ "|| trim_scale(high) || trim_scale(low) || trim_scale(close) || volume || trim_scale(amount), ',' "
				+ "order by symbol, trade_date)) from market.bars_daily", String.class);
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED" })
	void refusesBadParametersOnTheCommandLineWithOneSentence(TestWarehouse warehouse, CapturedOutput output) {
		fresh(warehouse);
		try (Sandbox sandbox = sandbox()) {
			List<String> args = new ArrayList<>(arguments(sandbox, warehouse));
			args.addAll(List.of("job=daily", "trade_date=2026-11-20", "mode=partial"));

			int exitCode = SpringApplication
				.exit(SpringApplication.run(BatchJobsApplication.class, args.toArray(new String[0])));

			assertThat(exitCode).isEqualTo(2);
			assertThat(output.getErr()).containsOnlyOnce("mode is incremental or full, not 'partial'.")
				.doesNotContain("\tat ");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void minuteBarsOfASuspendedDayAreSuspendedNotMissing(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		{
			Sandbox sandbox = served;
			ConfigurableApplicationContext app = shared(warehouse, Map.of());
			loadInstruments(app);
			assertThat(ReferenceRuns.launch(app, "daily", MONTH).getExitStatus().getExitCode()).isEqualTo("COMPLETED");
			Map<String, Object> suspended = jdbc.queryForMap("select symbol, trade_date from market.load_units "
					+ "where dataset = 'daily' and status = 'suspended' order by trade_date desc, symbol limit 1");
			String symbol = (String) suspended.get("symbol");
			String day = suspended.get("trade_date").toString();
			String traded = jdbc.queryForObject("select min(symbol) from market.load_units where dataset = 'daily' "
					+ "and status = 'complete' and trade_date = ?::date", String.class, day);

			JobExecution minute = ReferenceRuns.launch(app, "minute_1m",
					Map.of("trade_date", day, "symbols", symbol + "," + traded, "source", "tushare"));

			assertThat(minute.getExitStatus().getExitCode()).as(minute.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			assertThat(minute.getExitStatus().getExitDescription())
				.startsWith("source: tushare; days: 1 complete, 0 partial, " + "1 suspended, 0 empty");
			assertThat(jdbc.queryForObject("select status from market.load_units where dataset = 'minute_1m' "
					+ "and symbol = ? and trade_date = ?::date", String.class, symbol, day))
				.isEqualTo("suspended");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED" })
	void refusesACodeOfAnotherAssetClassNamingTheJobThatLoadsIt(TestWarehouse warehouse) throws Exception {
		fresh(warehouse);
		{
			Sandbox sandbox = served;
			ConfigurableApplicationContext app = shared(warehouse, Map.of());
			loadInstruments(app);
			com.marketbase.batch.support.launch.JobLaunch daily = app
				.getBeansOfType(com.marketbase.batch.support.launch.JobLaunch.class)
				.values()
				.stream()
				.filter((launch) -> launch.jobName().equals("daily"))
				.findFirst()
				.orElseThrow();

			assertThatIllegalArgumentException()
				.isThrownBy(() -> daily.parameters(
						Map.of("symbols", "510300.SH,600000.SH", "trade_date", "2026-11-20", "source", "tushare")))
				.withMessage("Not instruments daily loads: 510300.SH (etf); daily loads stocks, index_daily indexes "
						+ "and etf_daily ETFs.");
			assertThat(daily.parameters(Map.of("symbols", "600000.SH", "trade_date", "2026-11-20", "source", "tushare"))
				.getString("scope")).contains("600000.SH");
		}
	}

	private static JdbcTemplate fresh(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		return new JdbcTemplate(warehouse.dataSource());
	}

	// One sandbox and one application per warehouse serve the tests whose settings are
	// the defaults or can be set while it runs (the datasets' settings are read at each
	// launch); the warehouse is migrated afresh under it for each test.
	private static Sandbox served;

	private static final Map<TestWarehouse, ConfigurableApplicationContext> APPS = new EnumMap<>(TestWarehouse.class);

	private static final String OVERRIDES = "test overrides";

	@BeforeAll
	static void startSandbox() {
		served = sandbox();
	}

	@AfterAll
	static void stopAll() {
		APPS.values().forEach(ConfigurableApplicationContext::close);
		APPS.clear();
		served.close();
	}

	private static ConfigurableApplicationContext shared(TestWarehouse warehouse, Map<String, ?> settings) {
		ConfigurableApplicationContext app = APPS.computeIfAbsent(warehouse,
				(target) -> application(served, target, "--marketbase.sources.tdx.base-url=" + served.baseUrl()));
		var sources = app.getEnvironment().getPropertySources();
		sources.remove(OVERRIDES);
		sources.addFirst(new MapPropertySource(OVERRIDES, new HashMap<>(settings)));
		return app;
	}

	private static Sandbox sandbox() {
		return Sandbox.start(SandboxSettings.defaults()
			.withUniverse(200, 10, 0)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
	}

	private static List<String> arguments(Sandbox sandbox, TestWarehouse warehouse, String... more) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + warehouse.jdbcUrl(),
				"--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.tushare.calls-per-minute[default]=1000000",
				"--marketbase.sources.tushare.calls-per-minute[daily]=1000000"));
		args.addAll(List.of(more));
		return args;
	}

	private static ConfigurableApplicationContext application(Sandbox sandbox, TestWarehouse warehouse,
			String... more) {
		return SpringApplication.run(BatchJobsApplication.class,
				arguments(sandbox, warehouse, more).toArray(new String[0]));
	}

	private static void loadInstruments(ConfigurableApplicationContext app) throws Exception {
		assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
	}

	// A forced launch is told apart by its launch time, to the millisecond.
	private static Map<String, String> forced(Map<String, String> parameters) {
		Map<String, String> forced = new HashMap<>(parameters);
		forced.put("force", "true");
		return forced;
	}

	private static long calls(Sandbox sandbox, Map<String, Long> before, String api) {
		return sandbox.calls("tushare:" + api) - before.getOrDefault("tushare:" + api, 0L);
	}

	private static List<LocalDate> openDays(JdbcTemplate jdbc) {
		return jdbc.queryForList("select cal_date from market.trading_calendar where exchange = 'SSE' and is_open "
				+ "and cal_date between ? and ? order by cal_date", LocalDate.class, FIRST, LAST);
	}

	// Counted independently of the gap finder: instruments by listing window x open days.
	private static int owedUnits(JdbcTemplate jdbc, String assetClass) {
		int owed = 0;
		List<LocalDate> days = jdbc.queryForList(
				"select cal_date from market.trading_calendar where exchange = 'SSE' " + "and is_open",
				LocalDate.class);
		for (Map<String, Object> row : jdbc
			.queryForList("select list_date, delist_date from market.instruments where asset_class = ?", assetClass)) {
			LocalDate listed = ((java.sql.Date) row.get("list_date")).toLocalDate();
			LocalDate delisted = (row.get("delist_date") != null)
					? ((java.sql.Date) row.get("delist_date")).toLocalDate() : null;
			for (LocalDate day : days) {
				// Owed from the listing day up to, not including, the delisting day.
				owed += (listed.isAfter(day) || (delisted != null && !day.isBefore(delisted))) ? 0 : 1;
			}
		}
		return owed;
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Number count = jdbc.queryForObject(sql, Number.class);
		return (count != null) ? count.longValue() : 0;
	}

	private static String fingerprint(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select count(*) || ' ' || md5(string_agg(symbol || trade_date || open || high "
				+ "|| low || close || coalesce(pre_close::text, '-') || volume || amount "
				+ "|| coalesce(adj_factor::text, '-'), ',' order by symbol, trade_date)) from market.bars_daily",
				String.class);
	}

	private static Map<String, String> stamps(JdbcTemplate jdbc) {
		Map<String, String> stamps = new HashMap<>();
		jdbc.query("select symbol || '/' || trade_date, load_batch_id || ' ' || loaded_at from market.bars_daily",
				(rs) -> {
					stamps.put(rs.getString(1), rs.getString(2));
				});
		return stamps;
	}

}
