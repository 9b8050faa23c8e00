package com.marketbase.batch.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.chain.Chain;
import com.marketbase.batch.chain.ChainProperties;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.rollout.RolloutSwitches;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.schedule.ScheduledRun.Outcome;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The scheduler with a clock the test moves, launching real minute_1m loads of one symbol
 * against the sandbox, on a calendar the calendar job loaded from it.
 */
@ExtendWith(OutputCaptureExtension.class)
class JobSchedulerIntegrationTests {

	private static final ZoneId MARKET = ZoneId.of("Asia/Shanghai");

	private static final ScheduleProperties.Entry NIGHTLY = new ScheduleProperties.Entry("minute_1m", "0 30 17 * * *",
			Map.of("symbols", "600000.SH", "source", "tushare"), "open", false, true);

	private static final ScheduleProperties.Entry INTRADAY = new ScheduleProperties.Entry("minute_1m",
			"0 */15 9-14 * * MON-FRI", Map.of("symbols", "600004.SH", "source", "tushare", "force", "true"), "open",
			true, false);

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void skipsClosedDaysAndLoadsAnOpenDayOnce(TestWarehouse warehouse) throws Exception {
		try (Sandbox sandbox = sandbox(); ConfigurableApplicationContext app = application(warehouse, sandbox)) {
			MovableClock clock = new MovableClock(at("2026-11-21T17:30"));
			JobScheduler scheduler = scheduler(app, clock, 3, NIGHTLY);

			ScheduledRun saturday = scheduler.fire(0, at("2026-11-21T17:30"));
			assertThat(saturday.outcome()).isEqualTo(Outcome.CLOSED);
			assertThat(executions(warehouse)).isZero();

			ScheduledRun friday = scheduler.fire(0, at("2026-11-20T17:30"));
			assertThat(friday.outcome()).as(friday.detail()).isEqualTo(Outcome.COMPLETED);
			assertThat(friday.tradeDate()).isEqualTo(LocalDate.of(2026, 11, 20));
			assertThat(unit(warehouse, "600000.SH", "2026-11-20")).isEqualTo("complete");

			ScheduledRun again = scheduler.fire(0, at("2026-11-20T17:30"));
			assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_COMPLETE);
			assertThat(executions(warehouse)).isEqualTo(1);

			assertThat(scheduler.fire(0, at("2027-03-01T17:30")).outcome()).isEqualTo(Outcome.NO_CALENDAR);
			assertThat(scheduler.next(0, at("2026-11-20T17:30"))).isEqualTo(at("2026-11-21T17:30"));
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void catchesUpTheDaysMissedWhileDown(TestWarehouse warehouse) throws Exception {
		try (Sandbox sandbox = sandbox(); ConfigurableApplicationContext app = application(warehouse, sandbox)) {
			// Friday was loaded; the server was down from then until Tuesday morning.
			MovableClock clock = new MovableClock(at("2026-11-20T17:30"));
			JobScheduler scheduler = scheduler(app, clock, 3, NIGHTLY, INTRADAY);
			assertThat(scheduler.fire(0, at("2026-11-20T17:30")).outcome()).isEqualTo(Outcome.COMPLETED);
			clock.set(at("2026-11-24T09:00"));

			List<ScheduledRun> caughtUp = scheduler.catchUp();

			// The last three open days are Friday, Monday and Tuesday; Tuesday's 17:30
			// has
			// not come yet, the weekend is closed, and the intraday entry does not catch
			// up.
			assertThat(caughtUp).extracting((run) -> run.tradeDate() + " " + run.outcome())
				.containsExactly("2026-11-20 ALREADY_COMPLETE", "2026-11-23 COMPLETED");
			assertThat(unit(warehouse, "600000.SH", "2026-11-23")).isEqualTo("complete");
			assertThat(executions(warehouse)).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void skipsAnIntradayRunWhileTheJobIsStillRunning(TestWarehouse warehouse) throws Exception {
		try (Sandbox sandbox = sandbox(); ConfigurableApplicationContext app = application(warehouse, sandbox)) {
			MovableClock clock = new MovableClock(at("2026-11-23T10:00"));
			JobScheduler scheduler = scheduler(app, clock, 3, NIGHTLY, INTRADAY);
			JobRepository repository = app.getBean(JobRepository.class);
			// The nightly load of Friday stalls on its source for a while.
			sandbox.inject("tushare:stk_mins", SandboxFault.TIMEOUT, 2);
			CompletableFuture<ScheduledRun> slow = CompletableFuture
				.supplyAsync(() -> scheduler.fire(0, at("2026-11-20T17:30")));
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> !repository.findRunningJobExecutions("minute_1m").isEmpty());

			ScheduledRun busy = scheduler.fire(1, at("2026-11-23T10:00"));

			assertThat(busy.outcome()).isEqualTo(Outcome.SKIPPED_BUSY);
			assertThat(slow.get().outcome()).isEqualTo(Outcome.COMPLETED);
			// Once nothing runs, each intraday run loads the day again.
			assertThat(scheduler.fire(1, at("2026-11-23T10:15")).outcome()).isEqualTo(Outcome.COMPLETED);
			assertThat(scheduler.fire(1, at("2026-11-23T10:30")).outcome()).isEqualTo(Outcome.COMPLETED);
			assertThat(executions(warehouse)).isEqualTo(3);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED" })
	void refusesToServeWithAnEntryForAnUnknownJob(TestWarehouse warehouse, CapturedOutput output) {
		warehouse.reset();

		assertThatException().isThrownBy(() -> SpringApplication.run(BatchJobsApplication.class, "serve",
				"--spring.profiles.active=serve", "--server.port=0", "--spring.datasource.url=" + warehouse.jdbcUrl(),
				"--marketbase.schedule.entries[0].job=minute_1m", "--marketbase.schedule.entries[0].cron=0 30 17 * * *",
				"--marketbase.schedule.entries[0].parameters.source=sandbox",
				"--marketbase.schedule.entries[1].job=no_such_job",
				"--marketbase.schedule.entries[1].cron=0 0 18 * * *"));

		assertThat(output)
			.contains("The schedule cannot start: marketbase.schedule.entries[1] names job "
					+ "'no_such_job', which this application does not define; jobs: ")
			.contains("minute_1m");
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED" })
	void refusesBadCronAndParametersAtStart(TestWarehouse warehouse) throws Exception {
		try (Sandbox sandbox = sandbox(); ConfigurableApplicationContext app = application(warehouse, sandbox)) {
			Clock clock = Clock.system(MARKET);
			ScheduleProperties.Entry badCron = new ScheduleProperties.Entry("minute_1m", "at half past five", Map.of(),
					"open", false, true);
			ScheduleProperties.Entry badParameter = new ScheduleProperties.Entry("minute_1m", "0 30 17 * * *",
					Map.of("symbol", "600000.SH"), "open", false, true);

			assertThatException().isThrownBy(() -> scheduler(app, clock, 3, badCron))
				.withMessageStartingWith(
						"marketbase.schedule.entries[0].cron 'at half past five' is not a cron " + "expression");
			assertThatException().isThrownBy(() -> scheduler(app, clock, 3, NIGHTLY, badParameter))
				.withMessageStartingWith("marketbase.schedule.entries[1] (minute_1m): Unknown parameter 'symbol'");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED" })
	void startsWithAnEntryWhoseDataComesLaterAndRefusesTheFiringThatFindsNone(TestWarehouse warehouse)
			throws Exception {
		try (Sandbox sandbox = sandbox(); ConfigurableApplicationContext app = application(warehouse, sandbox)) {
			// As the example schedule has it: reconcile at 20:00, before any minute bars
			// are loaded.
			ScheduleProperties.Entry reconcile = new ScheduleProperties.Entry("reconcile", "0 0 20 * * MON-FRI",
					Map.of("source", "sandbox", "sample", "100"), "open", false, true);

			JobScheduler scheduler = scheduler(app, Clock.system(MARKET), 0, reconcile);
			ScheduledRun run = scheduler.fire(0, at("2026-11-23T20:00"));

			assertThat(run.outcome()).isEqualTo(Outcome.REFUSED);
			assertThat(run.detail()).isEqualTo(
					"The warehouse has no minute bars of 2026-11-23 to reconcile; load them with minute_1m first.");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "TIMESCALEDB" })
	void skipsADatasetWhoseSwitchIsOffAndLogsWhy(TestWarehouse warehouse, CapturedOutput output) throws Exception {
		try (Sandbox sandbox = sandbox(); ConfigurableApplicationContext app = application(warehouse, sandbox)) {
			RolloutSwitches switches = app.getBean(RolloutSwitches.class);
			switches.set("p2Enabled", false, "test", "P0/P1 gate not stable yet");
			// A switched-off entry does not keep the server from starting.
			JobScheduler scheduler = scheduler(app, new MovableClock(at("2026-11-20T17:30")), 3, NIGHTLY);

			ScheduledRun skipped = scheduler.fire(0, at("2026-11-20T17:30"));

			assertThat(skipped.outcome()).isEqualTo(Outcome.SWITCHED_OFF);
			assertThat(skipped.detail()).isEqualTo("skipped: minute_1m is switched off: p2Enabled=false (set it "
					+ "with: flags set p2Enabled=true --reason …)");
			assertThat(output).contains("Schedule: minute_1m 2026-11-20: skipped: minute_1m is switched off");
			assertThat(executions(warehouse)).isZero();

			switches.set("p2Enabled", true, "test", "gate passed");
			assertThat(scheduler.fire(0, at("2026-11-20T17:30")).outcome()).isEqualTo(Outcome.COMPLETED);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "TIMESCALEDB" })
	void runsTheChainAsOneEntryAndSkipsWhatNeedsAFailedPrerequisite(TestWarehouse warehouse) throws Exception {
		try (Sandbox sandbox = sandbox(); ConfigurableApplicationContext app = application(warehouse, sandbox)) {
			// index_daily stands in for a prerequisite, as its source can be made to fail
			// at once.
			Chain chain = new Chain(
					new ChainProperties(List.of("instruments", "index_daily", "calendar", "not_yet_merged"),
							List.of("instruments", "index_daily")),
					new ArrayList<>(app.getBeansOfType(Job.class).values()),
					new ArrayList<>(app.getBeansOfType(JobLaunch.class).values()), app.getBean(JobOperator.class),
					app.getBean(DataSource.class));
			ScheduleProperties.Entry nightly = new ScheduleProperties.Entry(JobScheduler.CHAIN, "0 0 17 * * MON-FRI",
					Map.of("source", "tushare"), "open", false, true);
			JobScheduler scheduler = scheduler(app, new MovableClock(at("2026-11-20T17:00")), 3, chain, nightly);
			JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());

			assertThat(scheduler.fire(0, at("2026-11-21T17:00")).outcome()).isEqualTo(Outcome.CLOSED);

			sandbox.inject("tushare:index_daily", SandboxFault.RENAMED_COLUMN, 1000);
			ScheduledRun broken = scheduler.fire(0, at("2026-11-19T17:00"));
			sandbox.clearFaults();
			assertThat(broken.outcome()).as(broken.detail()).isEqualTo(Outcome.NOT_COMPLETED);
			assertThat(broken.detail()).contains("1 completed, 1 failed (index_daily), 2 skipped");
			assertThat(
					jdbc.queryForList("select job_name || ': ' || outcome || ': ' || reason from market.chain_modules "
							+ "where position > 1 order by chain_run_id, position", String.class))
				.containsExactly("calendar: skipped: needs index_daily, which failed",
						"not_yet_merged: skipped: needs index_daily, which failed");

			ScheduledRun friday = scheduler.fire(0, at("2026-11-20T17:00"));
			assertThat(friday.outcome()).as(friday.detail()).isEqualTo(Outcome.COMPLETED);
			assertThat(friday.detail()).contains("for 2026-11-20: 3 completed, 0 failed, 1 skipped");
			assertThat(jdbc.queryForObject("select reason from market.chain_modules where job_name = 'not_yet_merged' "
					+ "and chain_run_id = (select max(id) from market.chain_runs where launched_by = 'schedule')",
					String.class))
				.isEqualTo("no such job");
		}
	}

	private static JobScheduler scheduler(ConfigurableApplicationContext app, Clock clock, int catchUpDays, Chain chain,
			ScheduleProperties.Entry... entries) {
		ScheduleProperties properties = new ScheduleProperties(true, MARKET, "SSE", catchUpDays, List.of(entries));
		return new JobScheduler(properties, new ArrayList<>(app.getBeansOfType(Job.class).values()),
				new ArrayList<>(app.getBeansOfType(JobLaunch.class).values()), app.getBean(JobOperator.class),
				app.getBean(JobRepository.class), app.getBean(DataSource.class), clock, chain);
	}

	private static JobScheduler scheduler(ConfigurableApplicationContext app, Clock clock, int catchUpDays,
			ScheduleProperties.Entry... entries) {
		ScheduleProperties properties = new ScheduleProperties(true, MARKET, "SSE", catchUpDays, List.of(entries));
		return new JobScheduler(properties, new ArrayList<>(app.getBeansOfType(Job.class).values()),
				new ArrayList<>(app.getBeansOfType(JobLaunch.class).values()), app.getBean(JobOperator.class),
				app.getBean(JobRepository.class), app.getBean(DataSource.class), clock);
	}

	private static Sandbox sandbox() {
		return Sandbox.start(SandboxSettings.defaults()
			.withToday(LocalDate.of(2026, 11, 24))
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
	}

	// The application against the warehouse, with November's SSE calendar loaded by the
	// calendar job from the sandbox.
	private static ConfigurableApplicationContext application(TestWarehouse warehouse, Sandbox sandbox)
			throws Exception {
		warehouse.reset();
		ConfigurableApplicationContext app = SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=" + warehouse.jdbcUrl(),
				"--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.tushare.calls-per-minute[default]=1000000",
				"--marketbase.jobs.minute-1m.partitions=1");
		assertThat(ReferenceRuns
			.launch(app, "calendar", Map.of("start_date", "2026-11-01", "end_date", "2026-11-30", "source", "tushare"))
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return app;
	}

	private static long executions(TestWarehouse warehouse) {
		return new JdbcTemplate(warehouse.dataSource()).queryForObject("select count(*) from batch_job_execution e "
				+ "join batch_job_instance i on i.job_instance_id = e.job_instance_id where i.job_name = 'minute_1m'",
				Long.class);
	}

	private static String unit(TestWarehouse warehouse, String symbol, String day) {
		return new JdbcTemplate(warehouse.dataSource()).queryForObject(
				"select status from market.load_units where dataset = 'minute_1m' and symbol = ? and trade_date = ?::date",
				String.class, symbol, day);
	}

	private static ZonedDateTime at(String local) {
		return LocalDateTime.parse(local).atZone(MARKET);
	}

	/** A clock the test sets. */
	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(ZonedDateTime now) {
			this.now = now.toInstant();
		}

		void set(ZonedDateTime now) {
			this.now = now.toInstant();
		}

		@Override
		public ZoneId getZone() {
			return MARKET;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return Clock.fixed(this.now, zone);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
