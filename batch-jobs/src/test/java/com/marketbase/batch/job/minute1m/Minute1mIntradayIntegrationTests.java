package com.marketbase.batch.job.minute1m;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.probe.ProbeResult;
import com.marketbase.batch.probe.Probes;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.warehouse.MinuteBarFixture;
import com.marketbase.batch.warehouse.ReferenceAggregates;
import com.marketbase.batch.warehouse.StoredBar;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * minute_1m's intraday mode against the sandbox with a movable clock: at 10:00, 11:30 and
 * 14:00 a run loads exactly the minutes published so far, the units stay in progress and
 * the aggregates equal an independent computation; the evening run completes the day with
 * the same bars as a run of the whole day.
 */
class Minute1mIntradayIntegrationTests {

	// The shared buckets are kept per credential, under a digest of the token.
	private static final String TOKEN_FINGERPRINT = com.marketbase.batch.source.Secret.of(SandboxSettings.TOKEN)
		.fingerprint();

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final LocalDate DAY = Minute1mRuns.DAY;

	private final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());

	@Test
	void loadsTheMinutesPublishedSoFarAndTheEveningRunCompletesTheDay() throws Exception {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults())) {
			List<String> symbols = ReferenceRuns.client(sandbox)
				.dailyOfMarket(DAY)
				.items()
				.stream()
				.map(DailyBar::symbol)
				.filter((symbol) -> symbol.endsWith(".SH"))
				.sorted()
				.limit(6)
				.toList();
			Map<String, String> wholeDay = Map.of("trade_date", DAY.toString(), "symbols", String.join(",", symbols),
					"source", "tushare");
			TestWarehouse.TIMESCALEDB.reset();
			MovableClock clock = new MovableClock(DAY.atTime(18, 0).atZone(BEIJING).toInstant());
			List<StoredBar> dayBars;
			try (ConfigurableApplicationContext app = application(sandbox, clock)) {
				assertThat(launch(app, wholeDay).getStatus()).isEqualTo(BatchStatus.COMPLETED);
				dayBars = MinuteBarFixture.read(TestWarehouse.TIMESCALEDB.dataSource(), "bars_1m");
			}
			Map<String, String> uninterrupted = Minute1mRuns.fingerprints(TestWarehouse.TIMESCALEDB.dataSource());
			assertThat(dayBars).hasSize(symbols.size() * 240);
			TestWarehouse.TIMESCALEDB.reset();

			try (ConfigurableApplicationContext app = application(sandbox, clock)) {
				Map<String, String> intraday = new HashMap<>(wholeDay);
				intraday.remove("trade_date");
				intraday.put("intraday", "true");
				for (LocalTime time : List.of(LocalTime.of(10, 0), LocalTime.of(11, 30), LocalTime.of(14, 0))) {
					Instant cut = DAY.atTime(time).atZone(BEIJING).toInstant();
					clock.set(cut);
					sandbox.timeOfDay(time);

					JobExecution run = launch(app, intraday);

					assertThat(run.getExitStatus().getExitCode()).as(run.getExitStatus().getExitDescription())
						.isEqualTo("COMPLETED");
					int due = due(time);
					assertThat(run.getExitStatus().getExitDescription()).as(time.toString())
						.contains("0 failed, " + symbols.size() + " in progress; bars: " + symbols.size() * due);
					assertThat(this.jdbc.queryForList("select status || ' ' || rows_loaded || '/' || rows_expected "
							+ "from market.load_units where dataset = 'minute_1m'", String.class))
						.as(time.toString())
						.hasSize(symbols.size())
						.containsOnly("in_progress " + due + "/" + due);
					List<StoredBar> stored = MinuteBarFixture.read(TestWarehouse.TIMESCALEDB.dataSource(), "bars_1m");
					assertThat(stored).as("the minutes published by " + time)
						.isEqualTo(dayBars.stream().filter((bar) -> !bar.end().isAfter(cut)).toList());
					assertThat(MinuteBarFixture.read(TestWarehouse.TIMESCALEDB.dataSource(), "bars_5m"))
						.isEqualTo(ReferenceAggregates.minutes(stored, 5));
					assertThat(MinuteBarFixture.read(TestWarehouse.TIMESCALEDB.dataSource(), "bars_30m"))
						.isEqualTo(ReferenceAggregates.minutes(stored, 30));
					assertThat(MinuteBarFixture.read(TestWarehouse.TIMESCALEDB.dataSource(), "bars_60m"))
						.isEqualTo(ReferenceAggregates.hours(stored));
					// Neither missing nor partial: the other instruments of the day are.
					assertThat(this.jdbc.queryForObject(
							"select in_progress || ' ' || partial || ' ' || missing "
									+ "+ complete + in_progress + suspended from market.coverage('minute_1m', ?, ?)",
							String.class, DAY, DAY))
						.isEqualTo(symbols.size() + " 0 " + (owed(DAY)));
				}
				// The intraday calls took tokens of their own lane (half the rate) as
				// well as
				// of the shared bucket, so a backfill running beside them keeps the rest.
				assertThat(this.jdbc.queryForList(
						"select id from market.rate_limit_buckets where id like 'tushare:stk_mins%' order by id",
						String.class))
					.contains("tushare:stk_mins:1000000:" + TOKEN_FINGERPRINT,
							"tushare:stk_mins@intraday:500000:" + TOKEN_FINGERPRINT);
				// Only today, which the run settles itself.
				assertThatIllegalArgumentException()
					.isThrownBy(() -> launchOf(app).parameters(Map.of("trade_date", "2026-11-19", "symbols",
							symbols.get(0), "source", "tushare", "intraday", "true")))
					.withMessage("intraday=true loads today, 2026-11-20 in Beijing; leave out the dates or give "
							+ "trade_date=2026-11-20.");

				// The evening run completes the day.
				clock.set(DAY.atTime(18, 0).atZone(BEIJING).toInstant());
				sandbox.timeOfDay(null);
				JobExecution evening = launch(app, wholeDay);

				assertThat(evening.getExitStatus().getExitDescription())
					.startsWith("source: tushare; days: " + symbols.size() + " complete, 0 partial");
				assertThat(Minute1mRuns.fingerprints(TestWarehouse.TIMESCALEDB.dataSource())).isEqualTo(uninterrupted);
				assertThat(this.jdbc.queryForObject(
						"select in_progress || ' ' || complete from market.coverage(" + "'minute_1m', ?, ?)",
						String.class, DAY, DAY))
					.isEqualTo("0 " + symbols.size());
			}
		}
	}

	@Test
	void readsTodayFromTheRealtimeMinuteApiWhereGrantedAndFallsBackToStkMinsWhileItsQuotaRefuses() throws Exception {
		SandboxSettings settings = SandboxSettings.defaults()
			.withTokens(Map.of(SandboxSettings.TOKEN,
					SandboxSettings.Grant.everythingWith(1_000_000, RealtimeMinuteQuota.API)));
		try (Sandbox sandbox = Sandbox.start(settings)) {
			List<String> symbols = ReferenceRuns.client(sandbox)
				.dailyOfMarket(DAY)
				.items()
				.stream()
				.map(DailyBar::symbol)
				.filter((symbol) -> symbol.endsWith(".SZ"))
				.sorted()
				.limit(6)
				.toList();
			Map<String, String> wholeDay = Map.of("trade_date", DAY.toString(), "symbols", String.join(",", symbols),
					"source", "tushare");
			TestWarehouse.TIMESCALEDB.reset();
			MovableClock clock = new MovableClock(DAY.atTime(18, 0).atZone(BEIJING).toInstant());
			List<StoredBar> dayBars;
			try (ConfigurableApplicationContext app = application(sandbox, clock)) {
				assertThat(launch(app, wholeDay).getStatus()).isEqualTo(BatchStatus.COMPLETED);
				dayBars = MinuteBarFixture.read(TestWarehouse.TIMESCALEDB.dataSource(), "bars_1m");
			}
			TestWarehouse.TIMESCALEDB.reset();
			Map<String, String> intraday = new HashMap<>(wholeDay);
			intraday.remove("trade_date");
			intraday.put("intraday", "true");
			try (ConfigurableApplicationContext app = application(sandbox, clock)) {
				// The permission probe found the realtime minute API granted.
				new Probes(TestWarehouse.TIMESCALEDB.dataSource()).record(new ProbeResult("tushare",
						RealtimeMinuteQuota.API, "{}", true, "1 row", DAY.atTime(9, 0).atZone(BEIJING).toInstant()));
				long stkMins = sandbox.calls("tushare:stk_mins");

				// 10:00: every unit from rt_min_daily, none from stk_mins.
				JobExecution first = intradayRun(app, intraday, clock, sandbox, LocalTime.of(10, 0), dayBars);
				assertThat(first.getExitStatus().getExitDescription()).endsWith("; today's bars: rt_min_daily");
				assertThat(sandbox.calls("tushare:rt_min_daily")).isEqualTo(symbols.size());
				assertThat(sandbox.calls("tushare:stk_mins")).isEqualTo(stkMins);
				assertThat(realtimeState()).isEqualTo("fresh, last success 10:00, next retry none");

				// 10:30: the quota refuses the third call; its unit and the rest read
				// stk_mins, and the day is as complete as it would be without it.
				sandbox.limitRealtime(symbols.size() + 2);
				JobExecution refused = intradayRun(app, intraday, clock, sandbox, LocalTime.of(10, 30), dayBars);
				assertThat(refused.getExitStatus().getExitDescription())
					.endsWith("; today's bars: stk_mins, rt_min_daily refused by its quota until 2026-11-20 11:30");
				assertThat(sandbox.calls("tushare:rt_min_daily")).isEqualTo(symbols.size() + 3);
				assertThat(sandbox.calls("tushare:stk_mins")).isEqualTo(stkMins + symbols.size() - 2);
				assertThat(realtimeState()).isEqualTo("stale, last success 10:30, next retry 11:30");
				assertThat(this.jdbc.queryForObject(
						"select last_error from market.realtime_sources where endpoint = 'tushare:rt_min_daily'",
						String.class))
					.contains("频率超限(" + (symbols.size() + 2) + "次/小时)");

				// 11:00: no realtime call before the window has passed.
				intradayRun(app, intraday, clock, sandbox, LocalTime.of(11, 0), dayBars);
				assertThat(sandbox.calls("tushare:rt_min_daily")).isEqualTo(symbols.size() + 3);
				assertThat(sandbox.calls("tushare:stk_mins")).isEqualTo(stkMins + 2L * symbols.size() - 2);

				// 13:30, after it: the realtime API again, fresh.
				sandbox.limitRealtime(0);
				JobExecution again = intradayRun(app, intraday, clock, sandbox, LocalTime.of(13, 30), dayBars);
				assertThat(again.getExitStatus().getExitDescription()).endsWith("; today's bars: rt_min_daily");
				assertThat(sandbox.calls("tushare:rt_min_daily")).isEqualTo(2L * symbols.size() + 3);
				assertThat(realtimeState()).isEqualTo("fresh, last success 13:30, next retry none");
			}
		}
	}

	/** An intraday run at a time, checked against the whole day's bars up to it. */
	private JobExecution intradayRun(ConfigurableApplicationContext app, Map<String, String> intraday,
			MovableClock clock, Sandbox sandbox, LocalTime time, List<StoredBar> dayBars) throws Exception {
		Instant cut = DAY.atTime(time).atZone(BEIJING).toInstant();
		clock.set(cut);
		sandbox.timeOfDay(time);
		JobExecution run = launch(app, intraday);
		assertThat(run.getExitStatus().getExitCode()).as(run.getExitStatus().getExitDescription())
			.isEqualTo("COMPLETED");
		assertThat(MinuteBarFixture.read(TestWarehouse.TIMESCALEDB.dataSource(), "bars_1m"))
			.as("the minutes published by " + time)
			.isEqualTo(dayBars.stream().filter((bar) -> !bar.end().isAfter(cut)).toList());
		assertThat(this.jdbc.queryForList("select distinct status || ' ' || rows_loaded || '/' || rows_expected "
				+ "from market.load_units where dataset = 'minute_1m'", String.class))
			.containsExactly("in_progress " + due(time) + "/" + due(time));
		return run;
	}

	private String realtimeState() {
		return this.jdbc.queryForObject(
				"""
						select case when stale then 'stale' else 'fresh' end
							|| ', last success ' || coalesce(to_char(last_success_at at time zone 'Asia/Shanghai', 'HH24:MI'), 'none')
							|| ', next retry ' || coalesce(to_char(next_retry_at at time zone 'Asia/Shanghai', 'HH24:MI'), 'none')
						from market.realtime_sources where endpoint = 'tushare:rt_min_daily'""",
				String.class);
	}

	private long owed(LocalDate day) {
		Long owed = this.jdbc.queryForObject(
				"select count(*) from market.instruments where asset_class in "
						+ "('stock', 'etf') and list_date <= ? and (delist_date is null or delist_date > ?)",
				Long.class, day, day);
		return (owed != null) ? owed : 0;
	}

	/** Bars ending by a time: 09:31..11:30, then 13:01..15:00. */
	private static int due(LocalTime time) {
		int morning = (int) Math.min(120,
				Math.max(0, java.time.Duration.between(LocalTime.of(9, 30), time).toMinutes()));
		int afternoon = (int) Math.min(120,
				Math.max(0, java.time.Duration.between(LocalTime.of(13, 0), time).toMinutes()));
		return morning + afternoon;
	}

	private static JobExecution launch(ConfigurableApplicationContext app, Map<String, String> parameters)
			throws Exception {
		return ReferenceRuns.launch(app, Minute1mParameters.JOB_NAME, parameters);
	}

	private static com.marketbase.batch.support.launch.JobLaunch launchOf(ConfigurableApplicationContext app) {
		return app.getBean(Minute1mLaunch.class);
	}

	private static ConfigurableApplicationContext application(Sandbox sandbox, Clock clock) {
		return new SpringApplicationBuilder(BatchJobsApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("marketbaseClock", clock))
			.run(Minute1mRuns.arguments(sandbox, SandboxSettings.TOKEN, "--marketbase.jobs.minute-1m.partitions=1")
				.toArray(new String[0]));
	}

	/** A clock the test sets. */
	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return BEIJING;
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
