package com.marketbase.batch.job.minute1m;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.MinuteBarFixture;
import com.marketbase.batch.warehouse.ReferenceAggregates;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.marketbase.batch.job.minute1m.Minute1mRuns.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * minute_1m end to end against the local TimescaleDB and a sandbox spoken to through the
 * real Tushare connector: a full day for the 500 Beijing stocks, a crash in the middle of
 * the load, a bad token, and transient faults.
 */
@ExtendWith(OutputCaptureExtension.class)
class Minute1mJobIntegrationTests {

	// The sandbox's 500 listed Beijing stocks and the three re-coded to 920 codes in
	// 2025.
	private static final int BEIJING_STOCKS = 503;

	private static final Map<String, String> BEIJING_DAY = Map.of("trade_date", DAY.toString(), "exchange", "BJ",
			"source", "tushare");

	private final DataSource warehouse = TestWarehouse.TIMESCALEDB.dataSource();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.warehouse);

	@BeforeEach
	void emptyWarehouse() {
		TestWarehouse.TIMESCALEDB.reset();
	}

	@Test
	void loadsEveryBarOfTheDayWithAggregatesAndRejects() {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults());
				ConfigurableApplicationContext app = Minute1mRuns.application(sandbox, SandboxSettings.TOKEN)) {
			sandbox.inject("tushare:stk_mins", SandboxFault.IMPOSSIBLE_ROWS, 3);

			JobExecution execution = launch(app, BEIJING_DAY);

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
			Map<String, Long> daily = Minute1mRuns.dailyVolumes(sandbox, ".BJ");
			Map<String, Long> minutes = Minute1mRuns.minuteVolumes(this.warehouse);
			List<String> rejectedSymbols = this.jdbc.queryForList(
					"select symbol from market.rejected_rows where reason like 'high % is below low %'", String.class);
			assertThat(rejectedSymbols).hasSize(3);
			daily.keySet()
				.stream()
				.filter((symbol) -> !rejectedSymbols.contains(symbol))
				.forEach((symbol) -> assertThat(minutes.get(symbol)).as(symbol + " volume of the day")
					.isEqualTo(daily.get(symbol)));
			assertThat(minutes.keySet()).isEqualTo(daily.keySet());
			assertThat(dayCounts("complete")).allSatisfy((count) -> assertThat(count).isEqualTo(240));
			assertThat(this.jdbc.queryForObject("select count(*) from market.load_units where status = 'partial' "
					+ "and rows_loaded = 239 and reason like '1 of 240 bars missing%'", Integer.class))
				.isEqualTo(3);
			assertThat(this.jdbc.queryForObject("select count(*) from market.load_units", Integer.class))
				.isEqualTo(BEIJING_STOCKS);
			List<com.marketbase.batch.warehouse.StoredBar> bars = MinuteBarFixture.read(this.warehouse, "bars_1m");
			assertThat(MinuteBarFixture.read(this.warehouse, "bars_5m"))
				.isEqualTo(ReferenceAggregates.minutes(bars, 5));
			assertThat(MinuteBarFixture.read(this.warehouse, "bars_15m"))
				.isEqualTo(ReferenceAggregates.minutes(bars, 15));
			assertThat(MinuteBarFixture.read(this.warehouse, "bars_30m"))
				.isEqualTo(ReferenceAggregates.minutes(bars, 30));
			assertThat(MinuteBarFixture.read(this.warehouse, "bars_60m")).isEqualTo(ReferenceAggregates.hours(bars));
			// Every partition's writer records the time it spent on the aggregates, and
			// the summary gives their sum.
			int partitions = app.getBean(Minute1mJobProperties.class).partitions();
			assertThat(execution.getStepExecutions()
				.stream()
				.filter((step) -> step.getExecutionContext().containsKey(MinuteBarWriter.ROLLUP_NANOS))
				.map((step) -> step.getExecutionContext().getLong(MinuteBarWriter.ROLLUP_NANOS))).hasSize(partitions)
				.allSatisfy((nanos) -> assertThat(nanos).isPositive());
			assertThat(execution.getExitStatus().getExitDescription()).containsPattern(
					"\\(rolled up with each chunk: \\d+\\.\\d\\d s of writing in " + partitions + " partitions\\)");
			// A load of single days takes 50 of them a chunk.
			assertThat(execution.getStepExecutions()
				.stream()
				.filter((step) -> step.getStepName().startsWith("minute_1m.load.worker"))).hasSize(partitions)
				.allSatisfy((step) -> assertThat(step.getCommitCount()).isBetween((step.getReadCount() + 49) / 50,
						(step.getReadCount() + 49) / 50 + 1));

			// A forced reload replaces the stored bars in place and fills the three
			// rejected ones.
			forcedReload(app);
			assertThat(Minute1mRuns.minuteVolumes(this.warehouse)).isEqualTo(daily);
			List<com.marketbase.batch.warehouse.StoredBar> reloaded = MinuteBarFixture.read(this.warehouse, "bars_1m");
			assertThat(reloaded).hasSize(bars.size() + 3);
			assertThat(MinuteBarFixture.read(this.warehouse, "bars_60m"))
				.isEqualTo(ReferenceAggregates.hours(reloaded));
		}
	}

	@Test
	void theUnnestWriterStoresWhatCopyStores() {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults())) {
			try (ConfigurableApplicationContext app = Minute1mRuns.application(sandbox, SandboxSettings.TOKEN)) {
				assertThat(launch(app, BEIJING_DAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			}
			Map<String, String> copied = Minute1mRuns.fingerprints(this.warehouse);
			TestWarehouse.TIMESCALEDB.reset();

			try (ConfigurableApplicationContext app = Minute1mRuns.application(sandbox, SandboxSettings.TOKEN,
					"--marketbase.jobs.minute-1m.bar-writer=unnest")) {
				JobExecution execution = launch(app, BEIJING_DAY);

				assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
				assertThat(Minute1mRuns.fingerprints(this.warehouse)).isEqualTo(copied);
				// No rollups in the writer's transaction: the aggregate step rebuilt
				// them.
				assertThat(execution.getExitStatus().getExitDescription()).doesNotContain("rolled up with each chunk");
				assertThat(this.jdbc.queryForObject("select count(*) from market.load_units", Integer.class))
					.isEqualTo(BEIJING_STOCKS);

				// A forced reload meets every bar stored: the upsert replaces them in
				// place.
				forcedReload(app);
				assertThat(Minute1mRuns.fingerprints(this.warehouse)).isEqualTo(copied);
			}
		}
	}

	// The Beijing day loaded again with force=true: it completes, and every stored bar
	// now carries its load batch.
	private void forcedReload(ConfigurableApplicationContext app) {
		Map<String, String> again = new java.util.HashMap<>(BEIJING_DAY);
		again.put("force", "true");
		JobExecution reload = launch(app, again);
		assertThat(reload.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForList("select distinct load_batch_id from market.bars_1m", Long.class))
			.containsExactly(reload.getExecutionContext().getLong(Minute1mPrepareTasklet.LOAD_BATCH));
	}

	@Test
	void resumesAfterAKillWithoutFetchingCompletedUnitsAgain(@TempDir Path logs) throws Exception {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(15)))) {
			try (ConfigurableApplicationContext app = Minute1mRuns.application(sandbox, SandboxSettings.TOKEN)) {
				assertThat(launch(app, BEIJING_DAY).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			}
			Map<String, String> uninterrupted = Minute1mRuns.fingerprints(this.warehouse);
			TestWarehouse.TIMESCALEDB.reset();
			long callsBefore = sandbox.calls("tushare:stk_mins");

			Process first = Minute1mRuns.process(sandbox, logs.resolve("first.log"),
					"--marketbase.jobs.minute-1m.partitions=2", "--marketbase.jobs.minute-1m.chunk-units=5",
					"job=minute_1m", "trade_date=" + DAY, "exchange=BJ", "source=tushare");
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(50))
				.ignoreExceptions()
				.until(() -> unitsStored() >= 150);
			first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			int committed = unitsStored();
			long fetchedBeforeKill = sandbox.calls("tushare:stk_mins") - callsBefore;
			Long execution = this.jdbc.queryForObject("select max(job_execution_id) from batch_job_execution",
					Long.class);
			assertThat(this.jdbc.queryForObject("select status from batch_job_execution where job_execution_id = ?",
					String.class, execution))
				.isEqualTo("STARTED");
			assertThat(committed).isBetween(150, 499);
			// Three committed units lose their rows meanwhile: the restart's check of its
			// checkpoints against the warehouse must read them again.
			List<String> lost = this.jdbc.queryForList(
					"select symbol from market.load_units where status = 'complete' order by symbol limit 3",
					String.class);
			for (String table : List.of("market.load_units", "market.bars_1m", "market.bar_levels")) {
				this.jdbc.update("delete from " + table + " where symbol = any (?)",
						(Object) lost.toArray(String[]::new));
			}

			Process restart = Minute1mRuns.process(sandbox, logs.resolve("restart.log"), "restart=" + execution);
			assertThat(restart.waitFor(120, TimeUnit.SECONDS)).isTrue();
			String output = Files.readString(logs.resolve("restart.log"));

			assertThat(restart.exitValue()).as(output).isZero();
			assertThat(output).contains("Execution " + execution + " was left STARTED by process")
				.contains("that no longer runs; marking it FAILED first.")
				.contains(": COMPLETED (COMPLETED)")
				.contains("checkpoints: 3 of ")
				.contains(" symbol-days read before the checkpoints were not in the warehouse (")
				.contains(lost.stream().map((symbol) -> symbol + "/" + DAY).toList());
			long fetchedOnRestart = sandbox.calls("tushare:stk_mins") - callsBefore - fetchedBeforeKill;
			assertThat(fetchedOnRestart).as("units fetched again").isEqualTo(BEIJING_STOCKS - committed + 3);
			assertThat(Minute1mRuns.fingerprints(this.warehouse)).isEqualTo(uninterrupted);
		}
	}

	@Test
	void doesNotReportALoadOfNothingAsSuccess() {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults());
				ConfigurableApplicationContext app = Minute1mRuns.application(sandbox, SandboxSettings.TOKEN)) {
			// An open day after the sandbox's last day of data: the source has no bars at
			// all.
			JobExecution execution = launch(app,
					Map.of("trade_date", "2026-11-23", "symbols", "600000.SH,600004.SH", "source", "tushare"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitCode()).isEqualTo(Minute1mSummaryListener.NOTHING_LOADED);
			assertThat(execution.getExitStatus().getExitDescription()).startsWith(
					"The source had no bars for any open day; source: tushare; days: 0 complete, 0 partial, 0 suspended, 2 empty");
		}
	}

	@Test
	void failsAtOnceWithOneClearSentenceOnABadToken(CapturedOutput output) {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults())) {
			List<String> args = Minute1mRuns.arguments(sandbox, "not-a-valid-token", "job=minute_1m",
					"trade_date=" + DAY, "exchange=BJ", "source=tushare");

			int exitCode = SpringApplication.exit(SpringApplication.run(com.marketbase.batch.BatchJobsApplication.class,
					args.toArray(new String[0])));

			// The launch reads the calendar for its day first: the token fails there,
			// before
			// anything is recorded.
			assertThat(exitCode).isEqualTo(1);
			assertThat(output.getErr())
				.contains("Cannot settle the launch: Tushare Pro refused trade_cal: the token was not accepted")
				.doesNotContain("not-a-valid-token")
				.doesNotContain("\tat ");
			assertThat(this.jdbc.queryForObject("select count(*) from batch_job_execution", Integer.class)).isZero();
		}
	}

	@Test
	void completesWithEveryRowDespiteTransientFaults() {
		EnumSet<SandboxFault> transientFaults = EnumSet.of(SandboxFault.HTTP_500, SandboxFault.HTTP_502,
				SandboxFault.RESET, SandboxFault.MALFORMED_JSON, SandboxFault.HTML, SandboxFault.TRUNCATED);
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults().withRandomFaults(0.05, transientFaults));
				ConfigurableApplicationContext app = Minute1mRuns.application(sandbox, SandboxSettings.TOKEN)) {

			JobExecution execution = launch(app, BEIJING_DAY);

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(sandbox.calls("tushare:stk_mins")).as("faults made the job call again").isGreaterThan(500);
			Map<String, Long> daily = Minute1mRuns.dailyVolumes(sandbox, ".BJ");
			assertThat(Minute1mRuns.minuteVolumes(this.warehouse)).isEqualTo(daily);
			assertThat(this.jdbc.queryForObject("select count(*) from market.rejected_rows", Integer.class)).isZero();
		}
	}

	private static JobExecution launch(ConfigurableApplicationContext app, Map<String, String> parameters)
			throws RuntimeException {
		try {
			return app.getBean(JobOperator.class)
				.start(app.getBean("minute1mJob", Job.class), app.getBean(Minute1mLaunch.class).parameters(parameters));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int unitsStored() {
		Integer count = this.jdbc.queryForObject("select count(*) from market.load_units", Integer.class);
		return (count != null) ? count : 0;
	}

	private List<Integer> dayCounts(String status) {
		return this.jdbc.queryForList("select u.rows_loaded from market.load_units u where u.status = ?", Integer.class,
				status);
	}

}
