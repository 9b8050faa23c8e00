package com.marketbase.batch.cli;

import java.time.LocalDate;
import java.time.ZoneId;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.coverage.CoverageFixture;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code coverage} and {@code check} as a user runs them, against the plain and the
 * TimescaleDB warehouse holding {@link CoverageFixture}'s week.
 */
@ExtendWith(OutputCaptureExtension.class)
class CoverageCommandsIntegrationTests {

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void printsEachDayWithItsCounts(TestWarehouse warehouse, CapturedOutput output) {
		seed(warehouse);

		assertThat(run(warehouse, "coverage", "minute_1m", "2026-11-16", "2026-11-22")).isZero();

		assertThat(output.getOut()).contains("minute_1m (stock, etf on the SSE calendar) 2026-11-16 to 2026-11-22")
			.containsPattern("day +state +owed +complete +partial +missing +suspended +not listed +delisted")
			.containsPattern("2026-11-16 +complete +4 +4 +0 +0 +0 +1 +0")
			.containsPattern("2026-11-17 +partial +3 +2 +1 +0 +1 +1 +0")
			.containsPattern("2026-11-18 +missing +4 +3 +0 +1 +0 +0 +1")
			.containsPattern("2026-11-19 +closed +-")
			.contains("3 closed, 1 complete, 2 missing, 1 partial")
			.doesNotContain("daily (");
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void namesTheSymbolsBehindASingleDay(TestWarehouse warehouse, CapturedOutput output) {
		seed(warehouse);

		assertThat(run(warehouse, "coverage", "daily", "2026-11-20")).isZero();

		assertThat(output.getOut()).containsPattern("2026-11-20 +missing +3 +2 +0 +1")
			.containsPattern("600003.SH +failed +quarantined +HTTP 500");
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void refusesUnknownDatasetsAndBadDates(TestWarehouse warehouse, CapturedOutput output) {
		seed(warehouse);

		assertThat(run(warehouse, "coverage", "nope")).isEqualTo(2);
		assertThat(run(warehouse, "coverage", "minute_1m", "2026-02-30")).isEqualTo(2);
		assertThat(run(warehouse, "coverage", "2026-11-20", "2026-11-16")).isEqualTo(2);
		assertThat(run(warehouse, "check", "nope")).isEqualTo(2);
		assertThat(run(warehouse, "check", "at=tomorrow")).isEqualTo(2);

		assertThat(output.getErr()).contains(
				"Unknown dataset 'nope'; datasets: daily, daily_basic, etf_daily, fina_indicator, fund_nav, fut_daily, fut_mapping, fx_daily, index_daily, index_minute, macro, minute_1m, moneyflow, sge_daily, tick_trade.")
			.contains("from '2026-02-30' is not a date; use YYYY-MM-DD, for example 2026-11-20.")
			.contains("from 2026-11-20 is after to 2026-11-16.")
			.contains("at 'tomorrow' is not a local date and time; use YYYY-MM-DDTHH:MM in Asia/Shanghai")
			.doesNotContain("\tat ");
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void checkFailsNamingTheDatasetsWhoseLastDayIsNotComplete(TestWarehouse warehouse, CapturedOutput output) {
		seed(warehouse);

		assertThat(run(warehouse, "check", "at=2026-11-20T18:00")).isEqualTo(1);
		assertThat(output.getErr())
			.contains("minute_1m: 2026-11-20 is not complete: 1 missing, 0 partial of 4 owed; "
					+ "last complete day 2026-11-16")
			.contains("index_daily: 2026-11-20 owes nothing: no index instruments were listed; load the instruments")
			.contains("fx_daily: the FXCM calendar does not reach 2026-11-19; load the calendar")
			.contains("fina_indicator: 2026-06-30 is not complete: 3 missing, 0 partial of 3 owed")
			.contains("macro: 2026-09-30 is not complete: 7 missing, 0 partial of 7 owed")
			.contains(
					"NOT COMPLETE: daily, fina_indicator, fund_nav, fut_daily, fut_mapping, fx_daily, index_daily, index_minute, "
							+ "macro, " + "minute_1m, sge_daily")
			.doesNotContain("etf_daily:")
			.doesNotContain("daily_basic:");
		// A module nobody has switched on is not late; once on, it is judged like any
		// other.
		assertThat(output.getOut()).contains("daily_basic: switched off (universeDailyBasicEnabled); not checked")
			.contains("moneyflow: switched off (universeMoneyflowEnabled); not checked")
			.contains("tick_trade: switched off (p2TickTradesV1); not checked");
		new org.springframework.jdbc.core.JdbcTemplate(warehouse.dataSource())
			.update("update market.rollout_switches set value = true where name = 'universeDailyBasicEnabled'");
		assertThat(run(warehouse, "check", "daily_basic", "at=2026-11-20T18:00")).isEqualTo(1);
		assertThat(output.getErr()).contains("daily_basic: 2026-11-20 is not complete: 3 missing, 0 partial of 3 owed")
			.contains("NOT COMPLETE: daily_basic");
		new org.springframework.jdbc.core.JdbcTemplate(warehouse.dataSource())
			.update("update market.rollout_switches set value = false where name = 'universeDailyBasicEnabled'");

		assertThat(run(warehouse, "check", "etf_daily", "at=2026-11-20T18:00")).isZero();
		assertThat(output.getOut()).contains("OK: etf_daily 2026-11-20 complete.");
		// Complete, but with a bar whose high is below its close: a blocking finding.
		new JdbcTemplate(warehouse.dataSource())
			.update("""
					insert into market.bars_daily (symbol, trade_date, open, high, low, close, pre_close, volume, amount,
						source, load_batch_id) values ('510300.SH', '2026-11-20', 4.0, 4.0, 3.9, 4.1, 4.0, 100, 400, 'sandbox', 1)""");
		assertThat(run(warehouse, "check", "etf_daily", "at=2026-11-20T18:00")).isEqualTo(1);
		assertThat(output.getErr())
			.contains("etf_daily: 510300.SH 2026-11-20 ohlc_inconsistent: open 4.0, high 4.0, "
					+ "low 3.9, close 4.1: the high and low do not bound the day")
			.contains("NOT COMPLETE: etf_daily");
		new JdbcTemplate(warehouse.dataSource())
			.update("update market.bars_daily set high = 4.1 where symbol = '510300.SH'");
		assertThat(run(warehouse, "check", "etf_daily", "at=2026-11-20T18:00")).as("corrected").isZero();

		// Before the cut-off Wednesday is expected (Thursday is a holiday).
		CoverageFixture.unit(new JdbcTemplate(warehouse.dataSource()), "minute_1m", "600003.SH", "2026-11-20",
				"complete");
		assertThat(run(warehouse, "check", "minute_1m", "at=2026-11-20T16:30")).isEqualTo(1);
		assertThat(output.getErr()).contains("minute_1m: 2026-11-18 is not complete: 1 missing");
		assertThat(run(warehouse, "check", "minute_1m", "etf_daily", "at=2026-11-22T10:00")).isZero();
		assertThat(output.getOut()).contains("OK: minute_1m 2026-11-20, etf_daily 2026-11-20 complete.");
	}

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void launchesForTodayOnlyOnATradingDay(TestWarehouse warehouse, CapturedOutput output) {
		seed(warehouse);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		jdbc.update("delete from market.trading_calendar where exchange = 'SSE' and cal_date = ?", today);

		assertThat(run(warehouse, "job=minute_1m", "trade_date=today", "symbols=600000.SH")).isEqualTo(1);
		assertThat(output.getErr()).contains("The SSE calendar does not know " + today
				+ ", so whether it is a trading day is unknown; load it with job=calendar.");

		jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('SSE', ?, false)",
				today);
		assertThat(run(warehouse, "job=minute_1m", "trade_date=today", "symbols=600000.SH")).isZero();
		assertThat(output.getOut()).contains(today + " is not a trading day on the SSE calendar; nothing to launch.");
		assertThat(jdbc.queryForObject("select count(*) from batch_job_execution", Long.class)).isZero();
	}

	private static void seed(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		CoverageFixture.seed(warehouse.dataSource());
	}

	private static int run(TestWarehouse warehouse, String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "--spring.datasource.url=" + warehouse.jdbcUrl();
		System.arraycopy(args, 0, all, 1, args.length);
		return SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, all));
	}

}
