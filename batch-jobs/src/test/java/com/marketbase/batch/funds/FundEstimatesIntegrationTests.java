package com.marketbase.batch.funds;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.FundStyle;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.warehouse.TestWarehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Estimates against the sandbox, whose NAVs follow the funds' disclosed holdings: the
 * source's estimate for index-like funds, Marketbase's holdings estimate for the others,
 * each within the sandbox's tolerance of the NAV published that evening and scored
 * exactly by the {@code fund_nav} load of that NAV; the retired endpoint tried once; and
 * several workers holding the source's quota.
 */
class FundEstimatesIntegrationTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

	private static Sandbox served;

	private static ConfigurableApplicationContext app;

	private static DataSource dataSource;

	private static JdbcTemplate jdbc;

	private static Instant at(LocalTime time) {
		return ZonedDateTime.of(TODAY, time, TradingHours.BEIJING).toInstant();
	}

	private static FundsProperties settings(boolean fundgz, int workers) {
		FundsProperties d = FundsProperties.defaults();
		return new FundsProperties("eastmoney", true, d.watchlistEvery(), d.holdingsEvery(), d.restEvery(), false,
				Duration.ZERO, workers, Duration.ofMillis(200), Duration.ofSeconds(1), 4, fundgz, 50, 5,
				d.holdingsRefresh());
	}

	private static FundEstimator estimator(TickingClock clock, FundsProperties properties) {
		return new FundEstimator(dataSource, new FundSources(app.getBean(SourceResolver.class), properties), properties,
				clock, new TradingHours(dataSource));
	}

	@Test
	void eachFundGetsAnEstimateWithinTheToleranceOfTheEveningsNavAndTheNavScoresItExactly() throws Exception {
		served.timeOfDay(LocalTime.of(15, 0));
		TickingClock clock = new TickingClock(at(LocalTime.of(15, 0)));
		FundEstimator estimator = estimator(clock, settings(false, 1));
		int expected = 0;
		for (Map.Entry<String, FundStyle> fund : served.funds().entrySet()) {
			FundEstimator.Outcome outcome = estimator.estimate(fund.getKey() + ".OF", FundTier.REST);
			assertThat(outcome.estimated()).as(fund.getKey() + ": " + outcome.text())
				.isEqualTo(fund.getValue() != FundStyle.MONEY_MARKET);
			expected += outcome.estimated() ? 1 : 0;
		}
		for (Map.Entry<String, FundStyle> fund : served.funds().entrySet()) {
			List<Map<String, Object>> made = jdbc.queryForList(
					"select method, source, holdings_period, "
							+ "holdings_coverage_percent from market.fund_estimates where symbol = ?",
					fund.getKey() + ".OF");
			switch (fund.getValue()) {
				case MONEY_MARKET -> assertThat(made).isEmpty();
				case INDEX_LIKE -> assertThat(made).singleElement()
					.satisfies((row) -> assertThat(row.get("method")).isEqualTo("source"));
				case ACTIVE -> assertThat(made).singleElement().satisfies((row) -> {
					assertThat(row.get("method")).isEqualTo("holdings");
					// The last quarter announced by today: Q3, out on October 20.
					assertThat(row.get("holdings_period").toString()).isEqualTo("2026-09-30");
					assertThat((BigDecimal) row.get("holdings_coverage_percent")).isEqualByComparingTo("100");
				});
			}
		}

		// The evening: the day's NAVs are out and their load scores the estimates.
		served.timeOfDay(null);
		JobExecution evening = ReferenceRuns.launch(app, "fund_nav",
				Map.of("trade_date", TODAY.toString(), "source", "eastmoney"));
		assertThat(evening.getStatus()).as(evening.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(evening.getExitStatus().getExitDescription())
			.contains("estimate error (mean absolute, percentage points): holdings ")
			.contains(", source ");

		List<Map<String, Object>> scored = jdbc.queryForList("""
				select a.symbol, a.method, a.estimate, a.actual, a.base_nav, a.error_pp, e.estimate as made,
					n.unit_nav, e.base_nav as made_base
				from market.fund_estimate_accuracy a
				join market.fund_estimates e on e.symbol = a.symbol and e.estimated_at = a.estimated_at
					and e.method = a.method
				join market.fund_nav n on n.symbol = a.symbol and n.nav_date = a.nav_date
				where a.nav_date = ?
				""", TODAY);
		assertThat(scored).hasSize(expected);
		int exact = 0;
		for (Map<String, Object> row : scored) {
			BigDecimal estimate = (BigDecimal) row.get("made");
			BigDecimal actual = (BigDecimal) row.get("unit_nav");
			BigDecimal base = (BigDecimal) row.get("made_base");
			assertThat((BigDecimal) row.get("estimate")).isEqualByComparingTo(estimate);
			assertThat((BigDecimal) row.get("actual")).isEqualByComparingTo(actual);
			BigDecimal error = estimate.subtract(actual)
				.divide(base, MathContext.DECIMAL64)
				.movePointRight(2)
				.setScale(4, RoundingMode.HALF_UP);
			assertThat((BigDecimal) row.get("error_pp")).as(row.toString()).isEqualByComparingTo(error);
			// Within the sandbox's bound, which is of the day's NAV.
			BigDecimal gap = estimate.subtract(actual).abs().divide(actual, MathContext.DECIMAL64).movePointRight(2);
			assertThat(gap.doubleValue()).as(row.toString())
				.isLessThanOrEqualTo(Sandbox.FUND_ESTIMATE_TOLERANCE_PERCENT);
			exact += (error.signum() == 0) ? 1 : 0;
		}
		// Close, not exact: the undisclosed rest of the portfolio moves the NAV too.
		assertThat(exact).isLessThan(scored.size() / 2);
	}

	@Test
	void theRetiredEndpointIsReportedOnceAndNeverRetried() throws Exception {
		served.timeOfDay(LocalTime.of(10, 30));
		long before = served.calls("eastmoney:fundgz");
		FundEstimator estimator = estimator(new TickingClock(at(LocalTime.of(10, 30))), settings(true, 1));
		for (String code : served.funds().keySet()) {
			estimator.estimate(code + ".OF", FundTier.REST);
		}
		assertThat(served.calls("eastmoney:fundgz") - before).isEqualTo(1);
	}

	@Test
	void severalWorkersHoldTheSourcesQuota() {
		// The sandbox refuses Eastmoney calls beyond 10 a second; the warehouse's shared
		// quota lets 8 a second through, whichever worker calls.
		served.limitEastmoney(10);
		long refused = served.rateLimited("eastmoney:FundValuationLast");
		long calls = served.calls("eastmoney:FundValuationLast");
		TickingClock clock = new TickingClock(at(LocalTime.of(10, 0)));
		FundsProperties properties = settings(false, 2);
		try (FundQueue one = new FundQueue(dataSource, estimator(clock, properties), null, properties, clock, "one");
				FundQueue two = new FundQueue(dataSource, estimator(clock, properties), null, properties, clock,
						"two")) {
			List<String> funds = served.funds()
				.entrySet()
				.stream()
				.filter((fund) -> fund.getValue() != FundStyle.MONEY_MARKET)
				.map((fund) -> fund.getKey() + ".OF")
				.toList();
			funds.forEach((fund) -> one.enqueue(fund, FundTier.REST));
			one.start();
			two.start();
			await().atMost(Duration.ofSeconds(90))
				.until(() -> count(
						"select count(*) from market.fund_estimate_state where last_attempt_at is not null") == funds
							.size());
			assertThat(served.calls("eastmoney:FundValuationLast") - calls).isGreaterThanOrEqualTo(funds.size());
		}
		finally {
			served.limitEastmoney(0);
		}
		assertThat(served.rateLimited("eastmoney:FundValuationLast") - refused).isZero();
	}

	@BeforeEach
	void forget() {
		for (String table : List.of("scheduled_tasks", "fund_estimate_state", "fund_estimates",
				"fund_estimate_accuracy")) {
			jdbc.update("delete from market." + table);
		}
	}

	private static long count(String sql) {
		Number count = jdbc.queryForObject(sql, Number.class);
		return (count != null) ? count.longValue() : 0;
	}

	@BeforeAll
	static void start() throws Exception {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		dataSource = TestWarehouse.TIMESCALEDB.dataSource();
		jdbc = new JdbcTemplate(dataSource);
		served = Sandbox.start(SandboxSettings.defaults()
			.withUniverse(20, 2, 60)
			.withQuotaWindow(Duration.ofSeconds(1))
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
		app = ReferenceRuns.application(served, "--marketbase.sources.eastmoney.base-url=" + served.baseUrl(),
				"--marketbase.sources.eastmoney.calls-per-minute[FundValuationLast]=480",
				"--marketbase.sources.eastmoney.calls-per-minute[f10/lsjz]=1000000");
		for (Map.Entry<String, Map<String, String>> run : List.of(Map.entry("instruments", Map.of("source", "tushare")),
				Map.entry("daily", Map.of("trade_date", "2026-11-19", "source", "tushare")),
				Map.entry("minute_1m", Map.of("trade_date", TODAY.toString(), "source", "tushare")),
				Map.entry("fund_nav",
						Map.of("start_date", "2026-11-01", "end_date", "2026-11-19", "source", "eastmoney")))) {
			JobExecution execution = ReferenceRuns.launch(app, run.getKey(), run.getValue());
			assertThat(execution.getStatus()).as(run.getKey() + ": " + execution.getExitStatus())
				.isEqualTo(BatchStatus.COMPLETED);
		}
	}

	@AfterAll
	static void stop() {
		app.close();
		served.close();
	}

}
