package com.marketbase.batch.job.fundnav;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.FundStyle;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.eastmoney.EastmoneyClient;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.warehouse.TestWarehouse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fund_nav end to end against the sandbox through the real Eastmoney connector: the OTC
 * funds listed by {@code instruments} with their type, a month of NAVs (money-market
 * funds' incomes in their own columns) loaded once, nothing fetched again when nothing is
 * missing, and a hole healed by a later run with calls for that fund only.
 */
class FundNavIntegrationTests {

	private static final Map<String, String> MONTH = Map.of("start_date", "2024-12-01", "end_date", "2024-12-31",
			"source", "eastmoney");

	private static Sandbox served;

	private static ConfigurableApplicationContext app;

	private static JdbcTemplate jdbc;

	@Test
	void aMonthLoadsOnceAndAHoleIsHealedWithCallsForItsFundAlone() throws Exception {
		assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		long funds = served.funds().size();
		long moneyMarket = served.funds().values().stream().filter((style) -> style == FundStyle.MONEY_MARKET).count();
		assertThat(count("select count(*) from market.funds")).isEqualTo(funds);
		assertThat(count("select count(*) from market.funds where money_market")).isEqualTo(moneyMarket).isPositive();
		assertThat(count("select count(*) from market.instruments where asset_class = 'fund' and exchange = 'OTC'"))
			.isEqualTo(funds);

		JobExecution first = ReferenceRuns.launch(app, "fund_nav", MONTH);
		assertThat(first.getStatus()).as(first.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		// What the source sends for the month, read past the application.
		EastmoneyClient client = client();
		long sent = 0;
		long incomes = 0;
		for (Map.Entry<String, FundStyle> fund : served.funds().entrySet()) {
			int days = client.navHistory(fund.getKey(), LocalDate.of(2024, 12, 1), LocalDate.of(2024, 12, 31))
				.items()
				.size();
			sent += days;
			incomes += (fund.getValue() == FundStyle.MONEY_MARKET) ? days : 0;
		}
		assertThat(sent).isPositive();
		assertThat(count("select count(*) from market.fund_nav")).isEqualTo(sent);
		assertThat(count("select count(*) from market.fund_nav where unit_nav is null and income_per_10k is not null "
				+ "and seven_day_yield_percent is not null"))
			.isEqualTo(incomes)
			.isPositive();
		assertThat(count("select count(*) from market.fund_nav where unit_nav is not null and accumulated_nav "
				+ "is not null and subscription = '开放申购' and redemption = '开放赎回'"))
			.isEqualTo(sent - incomes);
		assertThat(count("select count(*) from market.load_units where dataset = 'fund_nav' and status = 'complete'"))
			.isEqualTo(sent);

		long calls = served.calls("eastmoney:f10/lsjz");
		JobExecution again = ReferenceRuns.launch(app, "fund_nav",
				Map.of("start_date", "2024-12-01", "end_date", "2024-12-31", "source", "eastmoney", "force", "true"));
		assertThat(again.getExitStatus().getExitDescription()).startsWith("Nothing was missing");
		assertThat(served.calls("eastmoney:f10/lsjz")).isEqualTo(calls);

		// Three days of one fund go missing; the next day's run heals them too.
		String fund = served.funds().keySet().iterator().next() + ".OF";
		int removed = jdbc.update("delete from market.fund_nav where symbol = ? and nav_date between "
				+ "date '2024-12-10' and date '2024-12-12'", fund);
		assertThat(removed).isEqualTo(3);
		calls = served.calls("eastmoney:f10/lsjz");
		JobExecution heal = ReferenceRuns.launch(app, "fund_nav",
				Map.of("trade_date", "2025-01-02", "source", "eastmoney"));
		assertThat(heal.getStatus()).as(heal.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(heal.getExitStatus().getExitDescription()).contains("older holes healed: 3");
		assertThat(count("select count(*) from market.fund_nav where nav_date <= date '2024-12-31'")).isEqualTo(sent);
		// The day itself costs a call per fund, the hole at most one more (the planner
		// may
		// read the fund's hole and day as one range).
		assertThat(served.calls("eastmoney:f10/lsjz") - calls).isBetween(funds, funds + 1);
	}

	private static EastmoneyClient client() {
		SourceSettings settings = SourceSettings.direct(served.baseUrl());
		SourceHttp http = new SourceHttp(SourceName.EASTMONEY, settings);
		return new EastmoneyClient(http, http,
				new SourceGate(SourceName.EASTMONEY, settings, CallQuota.unlimited(), new SourceStates()));
	}

	private static long count(String sql) {
		Number count = jdbc.queryForObject(sql, Number.class);
		return (count != null) ? count.longValue() : 0;
	}

	@BeforeAll
	static void start() {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
		served = Sandbox.start(SandboxSettings.defaults().withUniverse(20, 2, 10));
		app = ReferenceRuns.application(served, "--marketbase.sources.eastmoney.base-url=" + served.baseUrl(),
				"--marketbase.sources.eastmoney.calls-per-minute[default]=1000000");
	}

	@AfterAll
	static void stop() {
		app.close();
		served.close();
	}

}
