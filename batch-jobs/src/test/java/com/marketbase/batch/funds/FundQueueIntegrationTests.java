package com.marketbase.batch.funds;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.warehouse.TestWarehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fund queue on db-scheduler against the test TimescaleDB: the watchlist runs before
 * the funds held before the rest, queueing again changes nothing unless the priority
 * rises, a task a dead worker left behind is run again by another, and refreshes are
 * planned in trading hours only.
 */
class FundQueueIntegrationTests {

	/** A Friday the sandbox's calendar has open. */
	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	private static Sandbox served;

	private static ConfigurableApplicationContext app;

	private static DataSource dataSource;

	private static JdbcTemplate jdbc;

	private static Instant at(LocalDate day, int hour, int minute) {
		return ZonedDateTime.of(day, LocalTime.of(hour, minute), TradingHours.BEIJING).toInstant();
	}

	private FundQueue queue(TickingClock clock, String worker, FundsProperties properties) {
		SourceResolver resolver = app.getBean(SourceResolver.class);
		FundSources sources = new FundSources(resolver, properties);
		FundEstimator estimator = new FundEstimator(dataSource, sources, properties, clock,
				new TradingHours(dataSource));
		return new FundQueue(dataSource, estimator, null, properties, clock, worker);
	}

	private static FundsProperties fast() {
		FundsProperties d = FundsProperties.defaults();
		return new FundsProperties("sandbox", true, d.watchlistEvery(), d.holdingsEvery(), d.restEvery(), false,
				Duration.ZERO, 1, Duration.ofMillis(200), Duration.ofSeconds(1), 4, false, 50, 5, d.holdingsRefresh());
	}

	@Test
	void theWatchlistRunsBeforeTheHoldingsBeforeTheRestAndQueueingAgainKeepsThePlace() {
		TickingClock clock = new TickingClock(at(DAY, 10, 0));
		jdbc.update("insert into market.fund_watchlist (symbol, added_by) values ('900004.OF', 'test')");
		jdbc.update("insert into market.fund_positions (symbol, units, updated_by) values ('900003.OF', 10, 'test'), "
				+ "('900005.OF', 10, 'test')");
		try (FundQueue queue = queue(clock, "first", fast())) {
			assertThat(queue.enqueue("900001.OF", FundTier.REST)).isTrue();
			assertThat(queue.enqueue("900002.OF", FundTier.REST)).isTrue();
			assertThat(queue.enqueue("900003.OF", FundTier.HOLDINGS)).isTrue();
			assertThat(queue.enqueue("900004.OF", FundTier.WATCHLIST)).isTrue();
			assertThat(queue.enqueue("900005.OF", FundTier.HOLDINGS)).isTrue();
			assertThat(queue.enqueue("900006.OF", FundTier.REST)).isTrue();
			Map<String, Object> before = row("900001.OF");
			// The same or a lower priority: nothing moves.
			assertThat(queue.enqueue("900001.OF", FundTier.REST)).isFalse();
			assertThat(queue.enqueue("900003.OF", FundTier.REST)).isFalse();
			assertThat(row("900001.OF")).isEqualTo(before);
			// A higher one: the fund moves up, due now, behind the watchlist queued
			// before.
			jdbc.update("insert into market.fund_watchlist (symbol, added_by) values ('900005.OF', 'test')");
			assertThat(queue.enqueue("900005.OF", FundTier.WATCHLIST)).isTrue();
			assertThat(((Number) row("900005.OF").get("priority")).intValue()).isEqualTo(FundTier.WATCHLIST.priority());

			queue.start();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> count(
						"select count(*) from market.fund_estimate_state where last_attempt_at is not null") == 6);
		}
		List<String> order = jdbc.queryForList("select symbol from market.fund_estimate_state order by last_attempt_at",
				String.class);
		assertThat(order).containsExactly("900004.OF", "900005.OF", "900003.OF", "900001.OF", "900002.OF", "900006.OF");
		// Each is due again by its tier, a tenth early, in trading hours; a fund of the
		// rest nobody follows stays queued while the session lasts.
		assertThat(due("900004.OF")).isBetween(at(DAY, 10, 1), at(DAY, 10, 2));
		assertThat(due("900003.OF")).isBetween(at(DAY, 10, 4), at(DAY, 10, 5));
		assertThat(due("900001.OF")).isBetween(at(DAY, 10, 27), at(DAY, 10, 30));

		// Off the watchlist but still held: its next run gives it the holdings' priority.
		jdbc.update("delete from market.fund_watchlist where symbol = '900005.OF'");
		clock.set(at(DAY, 10, 3));
		try (FundQueue queue = queue(clock, "second", fast())) {
			queue.start();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> ((Number) row("900005.OF").get("priority")).intValue() == FundTier.HOLDINGS.priority());
		}
		assertThat(due("900005.OF")).isAfter(at(DAY, 10, 6));
	}

	@Test
	void aTaskADeadWorkerLeftPickedIsRunAgainByAnother() {
		TickingClock clock = new TickingClock(at(DAY, 10, 0));
		try (FundQueue queue = queue(clock, "survivor", fast())) {
			assertThat(queue.enqueue("900001.OF", FundTier.REST)).isTrue();
			// What a worker killed mid-task leaves: the instance picked, its heartbeat
			// stopped minutes ago.
			jdbc.update(
					"update market.scheduled_tasks set picked = true, picked_by = 'gone/4242', "
							+ "last_heartbeat = ?, version = version + 1 where task_instance = '900001.OF'",
					java.sql.Timestamp.from(at(DAY, 9, 50)));
			queue.start();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> count("select count(*) from market.fund_estimate_state where symbol = '900001.OF'") == 1);
			await().atMost(Duration.ofSeconds(30)).until(() -> !Boolean.TRUE.equals(row("900001.OF").get("picked")));
		}
		assertThat(row("900001.OF").get("picked_by")).isNull();
		assertThat(due("900001.OF")).isAfter(at(DAY, 10, 0));
	}

	@Test
	void refreshesArePlannedInTradingHoursWithEachSessionsCloseAndStalenessCountsTradingTime() {
		TradingHours hours = new TradingHours(dataSource);
		Duration two = Duration.ofMinutes(2);
		assertThat(hours.nextRun(at(DAY, 10, 0), two)).isEqualTo(at(DAY, 10, 2));
		// The interval would pass the session's end: the close gets a run.
		assertThat(hours.nextRun(at(DAY, 11, 29), two)).isEqualTo(at(DAY, 11, 30));
		assertThat(hours.nextRun(at(DAY, 11, 30), two)).isEqualTo(at(DAY, 13, 0));
		assertThat(hours.nextRun(at(DAY, 9, 0), two)).isEqualTo(at(DAY, 9, 30));
		// After Friday's close: Monday's open.
		assertThat(hours.nextRun(at(DAY, 15, 0), two)).isEqualTo(at(DAY.plusDays(3), 9, 30));
		assertThat(hours.lastMoving(at(DAY, 12, 10))).isEqualTo(at(DAY, 11, 30));
		assertThat(hours.lastMoving(at(DAY.plusDays(1), 10, 0))).isEqualTo(at(DAY, 15, 0));

		TickingClock clock = new TickingClock(at(DAY.plusDays(1), 10, 0));
		try (FundQueue queue = queue(clock, "clock", fast())) {
			assertThat(queue.stale(at(DAY, 14, 59), FundTier.WATCHLIST)).isFalse();
			assertThat(queue.stale(at(DAY, 14, 50), FundTier.WATCHLIST)).isTrue();
			clock.set(at(DAY, 10, 0));
			assertThat(queue.stale(at(DAY, 9, 58).plusSeconds(30), FundTier.WATCHLIST)).isFalse();
			assertThat(queue.stale(at(DAY, 9, 57), FundTier.WATCHLIST)).isTrue();
			// The lunch break is no trading time.
			clock.set(at(DAY, 13, 0).plusSeconds(30));
			assertThat(queue.stale(at(DAY, 11, 29).plusSeconds(30), FundTier.WATCHLIST)).isFalse();
			assertThat(queue.stale(at(DAY, 11, 27), FundTier.WATCHLIST)).isTrue();
		}
	}

	private static Map<String, Object> row(String symbol) {
		return jdbc
			.queryForMap("select priority, execution_time, version, picked, picked_by from market.scheduled_tasks "
					+ "where task_name = 'fund-estimate' and task_instance = ?", symbol);
	}

	private static Instant due(String symbol) {
		return ((java.sql.Timestamp) row(symbol).get("execution_time")).toInstant();
	}

	private static long count(String sql) {
		Number count = jdbc.queryForObject(sql, Number.class);
		return (count != null) ? count.longValue() : 0;
	}

	@BeforeEach
	void empty() {
		jdbc.update("delete from market.scheduled_tasks");
		jdbc.update("delete from market.fund_estimate_state");
		jdbc.update("delete from market.fund_watchlist");
		jdbc.update("delete from market.fund_positions");
	}

	@BeforeAll
	static void start() {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		dataSource = TestWarehouse.TIMESCALEDB.dataSource();
		jdbc = new JdbcTemplate(dataSource);
		for (int i = 1; i <= 6; i++) {
			jdbc.update(
					"insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, "
							+ "lot_size) values (?, 'OTC', 'fund', ?, date '2020-01-02', 0.0001, 1)",
					"90000" + i + ".OF", "queue test fund " + i);
		}
		served = Sandbox.start(SandboxSettings.defaults().withUniverse(20, 2, 5));
		app = SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
				"--marketbase.sources.eastmoney.base-url=" + served.baseUrl(),
				"--marketbase.sources.tushare.base-url=" + served.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN);
	}

	@AfterAll
	static void stop() {
		app.close();
		served.close();
	}

}
