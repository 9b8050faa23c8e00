package com.marketbase.batch.funds;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.cli.Console;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.FundStyle;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.SourceResolver;

/**
 * How fresh the fund queue keeps the watchlist: 1,000 funds in the three tiers (50 on the
 * watchlist, 150 held, 800 in the rest), the sandbox refusing Eastmoney calls beyond 120
 * a minute, two workers of two threads each sharing the warehouse's quota (set at the
 * same 120 a minute), over an hour of trading from 09:30. Time runs faster than the wall
 * clock by a factor (10 by default) for everything alike: the queue's clock, the
 * sandbox's time of day, both quotas and the call delay, so that the run is a time-lapse
 * of the real thing. Every simulated 5 seconds it samples, per watchlist fund, whether
 * its estimate is fresh by the API's own rule ({@link FundQueue#stale}); it prints the
 * share fresh over 09:30 to 10:00 (the open, when all 1,000 funds are due at once) and
 * over 10:00 to 10:30, and the quota violations (the sandbox's refusals).
 *
 * Arguments: the warehouse URL, then optionally the speed-up.
 */
public final class FundFreshnessBenchmark {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private FundFreshnessBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int speed = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		int quota = 120;
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
			.withUniverse(300, 2, 1250)
			.withQuotaWindow(Duration.ofMillis(60_000 / speed))
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(10_000_000))));
				ConfigurableApplicationContext app = SpringApplication.run(BatchJobsApplication.class,
						"--spring.datasource.url=" + url, "--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
						"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
						"--marketbase.sources.tushare.calls-per-minute[default]=10000000",
						"--marketbase.sources.eastmoney.base-url=" + sandbox.baseUrl(),
						"--marketbase.sources.eastmoney.calls-per-minute[FundValuationLast]=" + (quota * speed),
						// The NAVs of the set-up are not what is measured.
						"--marketbase.sources.eastmoney.calls-per-minute[f10/lsjz]=10000000",
						"--marketbase.cli.enabled=false", "--logging.level.com.marketbase=warn")) {
			run(app, sandbox, speed, quota);
		}
	}

	private static void run(ConfigurableApplicationContext app, Sandbox sandbox, int speed, int quota)
			throws Exception {
		DataSource dataSource = app.getBean(DataSource.class);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (String table : List.of("scheduled_tasks", "fund_estimate_state", "fund_estimates", "fund_watchlist",
				"fund_positions")) {
			jdbc.update("delete from market." + table);
		}
		long setup = System.nanoTime();
		for (Map.Entry<String, Map<String, String>> load : List.of(Map.entry("calendar", Map.of("source", "tushare")),
				Map.entry("instruments", Map.of("source", "tushare")),
				Map.entry("daily", Map.of("trade_date", "2026-11-19", "source", "tushare")),
				Map.entry("minute_1m", Map.of("trade_date", TODAY.toString(), "source", "tushare", "force", "true")),
				Map.entry("fund_nav",
						Map.of("start_date", "2026-11-16", "end_date", "2026-11-19", "source", "eastmoney")))) {
			JobExecution execution = ReferenceRuns.launch(app, load.getKey(), load.getValue());
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				print(load.getKey() + " did not complete: " + execution.getExitStatus());
			}
		}
		print("setup (calendar, instruments, a day of daily and 1-minute bars, NAVs): %.0f s%n",
				(System.nanoTime() - setup) / 1e9);

		List<String> funds = sandbox.funds()
			.entrySet()
			.stream()
			.filter((fund) -> fund.getValue() != FundStyle.MONEY_MARKET)
			.map((fund) -> fund.getKey() + ".OF")
			.limit(1000)
			.toList();
		List<String> watchlist = funds.subList(0, 50);
		for (String fund : watchlist) {
			jdbc.update("insert into market.fund_watchlist (symbol, added_by) values (?, 'bench')", fund);
		}
		for (String fund : funds.subList(50, 200)) {
			jdbc.update("insert into market.fund_positions (symbol, units, updated_by) values (?, 1000, 'bench')",
					fund);
		}

		Instant simStart = ZonedDateTime.of(TODAY, LocalTime.of(9, 29, 30), BEIJING).toInstant();
		FastClock clock = new FastClock(simStart, speed);
		FundsProperties d = FundsProperties.defaults();
		FundsProperties properties = new FundsProperties("eastmoney", true, d.watchlistEvery(), d.holdingsEvery(),
				d.restEvery(), true, d.callDelay().dividedBy(speed), 2, Duration.ofMillis(200),
				Duration.ofSeconds(5).dividedBy(speed), 4 * speed, false, 50, 5, d.holdingsRefresh());
		sandbox.limitEastmoney(quota);
		long refusedBefore = sandbox.rateLimited("eastmoney:FundValuationLast");
		long callsBefore = sandbox.calls("eastmoney:FundValuationLast");
		SourceResolver resolver = app.getBean(SourceResolver.class);
		List<FundQueue> workers = new ArrayList<>();
		for (String name : List.of("worker-1", "worker-2")) {
			FundEstimator estimator = new FundEstimator(dataSource, new FundSources(resolver, properties), properties,
					clock, new TradingHours(dataSource));
			workers.add(new FundQueue(dataSource, estimator, null, properties, clock, name));
		}
		FundQueue first = workers.get(0);
		print("queued: " + first.followAll() + " funds (watchlist 50, held 150, rest " + (funds.size() - 200) + ")");
		workers.forEach(FundQueue::start);

		long[] fresh = new long[2];
		long[] samples = new long[2];
		Instant open = ZonedDateTime.of(TODAY, LocalTime.of(10, 0), BEIJING).toInstant();
		Instant end = ZonedDateTime.of(TODAY, LocalTime.of(10, 30), BEIJING).toInstant();
		Instant sessionStart = ZonedDateTime.of(TODAY, LocalTime.of(9, 30), BEIJING).toInstant();
		for (Instant next = sessionStart; next.isBefore(end); next = next.plusSeconds(5)) {
			clock.sleepUntil(next);
			sandbox.timeOfDay(next.atZone(BEIJING).toLocalTime());
			int window = next.isBefore(open) ? 0 : 1;
			Map<String, Timestamp> refreshed = new java.util.HashMap<>();
			jdbc.query("select symbol, max(made_at) from market.fund_estimates where symbol in (select symbol from "
					+ "market.fund_watchlist) group by symbol", (rs) -> {
						refreshed.put(rs.getString(1), rs.getTimestamp(2));
					});
			for (String fund : watchlist) {
				Timestamp made = refreshed.get(fund);
				samples[window]++;
				if (made != null && !first.stale(made.toInstant(), FundTier.WATCHLIST)) {
					fresh[window]++;
				}
			}
		}
		workers.forEach(FundQueue::close);
		long calls = sandbox.calls("eastmoney:FundValuationLast") - callsBefore;
		long refused = sandbox.rateLimited("eastmoney:FundValuationLast") - refusedBefore;
		Number estimates = jdbc.queryForObject("select count(*) from market.fund_estimates", Number.class);
		print("watchlist estimates fresh (refreshed within 2 minutes of trading time), 09:30-10:00: "
				+ "%.2f %% of %d samples; 10:00-10:30: %.2f %% of %d samples%n", 100.0 * fresh[0] / samples[0],
				samples[0], 100.0 * fresh[1] / samples[1], samples[1]);
		print("FundValuationLast calls: %d in 60 simulated minutes (%.1f a minute), refused by the "
				+ "sandbox's %d-a-minute limit: %d; estimates stored: %s%n", calls, calls / 60.0, quota, refused,
				estimates);
	}

	private static void print(String format, Object... args) {
		Console.system().say(String.format(format, args).stripTrailing());
	}

	/**
	 * Simulated time: it started at a set moment and runs {@code speed} times the wall
	 * clock.
	 */
	static final class FastClock extends Clock {

		private final Instant start;

		private final long startNanos = System.nanoTime();

		private final int speed;

		FastClock(Instant start, int speed) {
			this.start = start;
			this.speed = speed;
		}

		@Override
		public ZoneId getZone() {
			return BEIJING;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.start.plusNanos((System.nanoTime() - this.startNanos) * this.speed);
		}

		void sleepUntil(Instant moment) throws InterruptedException {
			long nanos = Duration.between(instant(), moment).toNanos() / this.speed;
			if (nanos > 0) {
				Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
			}
		}

	}

}
