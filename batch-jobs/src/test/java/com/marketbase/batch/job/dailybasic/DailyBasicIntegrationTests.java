package com.marketbase.batch.job.dailybasic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.rollout.RolloutSwitches;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareTable;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * daily_basic end to end against the sandbox through the real Tushare connector: refused
 * while its module switch is off, then a month loaded with the source's units converted,
 * and a failing module (a token without the permission) that leaves the price datasets as
 * they were.
 */
class DailyBasicIntegrationTests {

	private static final Map<String, String> MONTH = Map.of("start_date", "2024-12-01", "end_date", "2024-12-31",
			"source", "tushare");

	/** A token of a lower tier: the price endpoints, no daily_basic. */
	private static final String PRICES_ONLY = "prices-only-token";

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void aMonthLoadsEveryRowTheSourceHasInWarehouseUnitsOnceTheSwitchIsOn(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		ConfigurableApplicationContext app = app(warehouse, SandboxSettings.TOKEN);
		assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);

		assertThatIllegalArgumentException().isThrownBy(() -> ReferenceRuns.launch(app, "daily_basic", MONTH))
			.withMessageContaining("universeDailyBasicEnabled");
		assertThat(count(jdbc, "select count(*) from market.stock_daily_basic")).isZero();

		app.getBean(RolloutSwitches.class).set("universeDailyBasicEnabled", true, "test", "wave 2 starts");
		JobExecution execution = ReferenceRuns.launch(app, "daily_basic", MONTH);

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		TushareClient client = ReferenceRuns.client(served);
		TushareTable sent = client.call("daily_basic", Map.of("start_date", "20241201", "end_date", "20241231"),
				List.of("ts_code", "total_mv", "total_share", "pe"));
		assertThat(sent.size()).isPositive();
		assertThat(count(jdbc, "select count(*) from market.stock_daily_basic")).isEqualTo(sent.size());
		assertThat(count(jdbc,
				"select count(*) from market.load_units where dataset = 'daily_basic' " + "and status = 'complete'"))
			.isEqualTo(sent.size());
		// Every owed unit has an outcome: a row, or a day the source had none for.
		assertThat(count(jdbc, "select count(*) from market.load_units where dataset = 'daily_basic'"))
			.isEqualTo(owed(jdbc));
		assertThat(
				jdbc.queryForObject("select sum(total_market_value) from market.stock_daily_basic", BigDecimal.class))
			.isEqualByComparingTo(sum(sent, "total_mv").multiply(BigDecimal.valueOf(10_000)));
		assertThat(jdbc.queryForObject("select sum(total_shares) from market.stock_daily_basic", BigDecimal.class))
			.isEqualByComparingTo(sum(sent, "total_share").multiply(BigDecimal.valueOf(10_000)));
		// A loss-making stock has no P/E and its rows are kept, not rejected.
		long withoutPe = sent.named().stream().filter((row) -> row.get("pe").isNull()).count();
		assertThat(withoutPe).isPositive();
		assertThat(count(jdbc, "select count(*) from market.stock_daily_basic where pe is null")).isEqualTo(withoutPe);
		assertThat(count(jdbc, "select count(*) from market.rejected_rows where dataset = 'daily_basic'")).isZero();
	}

	@Test
	void aFailingModuleLeavesThePriceDatasetsAsTheyWere() throws Exception {
		JdbcTemplate jdbc = fresh(TestWarehouse.TIMESCALEDB);
		ConfigurableApplicationContext app = app(TestWarehouse.TIMESCALEDB, PRICES_ONLY);
		assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(ReferenceRuns.launch(app, "daily", MONTH).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String bars = fingerprint(jdbc, "market.bars_daily");
		String units = jdbc.queryForObject("select md5(string_agg(symbol || trade_date || status, ',' "
				+ "order by symbol, trade_date)) from market.load_units where dataset = 'daily'", String.class);
		app.getBean(RolloutSwitches.class).set("universeDailyBasicEnabled", true, "test", "wave 2 starts");

		JobExecution execution = ReferenceRuns.launch(app, "daily_basic", MONTH);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getExitStatus().getExitDescription()).contains("daily_basic");
		assertThat(fingerprint(jdbc, "market.bars_daily")).isEqualTo(bars);
		assertThat(
				jdbc.queryForObject(
						"select md5(string_agg(symbol || trade_date || status, ',' "
								+ "order by symbol, trade_date)) from market.load_units where dataset = 'daily'",
						String.class))
			.isEqualTo(units);
		assertThat(count(jdbc, "select count(*) from market.stock_daily_basic")).isZero();
	}

	// Stocks times open days inside their listing windows, counted here.
	private static long owed(JdbcTemplate jdbc) {
		return count(jdbc, """
				select count(*) from market.instruments i
				join market.trading_calendar c on c.exchange = 'SSE' and c.is_open
					and c.cal_date between date '2024-12-01' and date '2024-12-31'
				where i.asset_class = 'stock' and (i.list_date is null or i.list_date <= c.cal_date)
					and (i.delist_date is null or c.cal_date < i.delist_date)""");
	}

	private static BigDecimal sum(TushareTable table, String column) {
		BigDecimal sum = BigDecimal.ZERO;
		for (TushareTable.Row row : table.named()) {
			JsonNode value = row.get(column);
			sum = sum.add(value.isNull() ? BigDecimal.ZERO : new BigDecimal(value.asString()));
		}
		return sum;
	}

	private static String fingerprint(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("select count(*) || ' ' || md5(string_agg(r::text, ',' order by r::text)) from "
				+ "(select to_jsonb(t) - 'loaded_at' as r from " + table + " t) rows", String.class);
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Number count = jdbc.queryForObject(sql, Number.class);
		return (count != null) ? count.longValue() : 0;
	}

	private static JdbcTemplate fresh(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		return new JdbcTemplate(warehouse.dataSource());
	}

	private static Sandbox served;

	private static final Map<String, ConfigurableApplicationContext> APPS = new java.util.HashMap<>();

	@BeforeAll
	static void startSandbox() {
		served = Sandbox.start(SandboxSettings.defaults()
			.withUniverse(20, 2, 0)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000), PRICES_ONLY,
					new SandboxSettings.Grant(
							Set.of("trade_cal", "stock_basic", "daily", "adj_factor", "suspend_d", "fund_daily",
									"fund_basic", "bse_mapping", "index_basic", "fut_basic", "sge_basic", "fx_obasic"),
							1_000_000))));
	}

	@AfterAll
	static void stopAll() {
		APPS.values().forEach(ConfigurableApplicationContext::close);
		APPS.clear();
		served.close();
	}

	private static ConfigurableApplicationContext app(TestWarehouse warehouse, String token) {
		return APPS.computeIfAbsent(warehouse + "/" + token,
				(key) -> SpringApplication.run(BatchJobsApplication.class,
						"--spring.datasource.url=" + warehouse.jdbcUrl(),
						"--marketbase.sources.tushare.base-url=" + served.baseUrl(),
						"--marketbase.sources.tushare.token=" + token,
						"--marketbase.sources.tushare.calls-per-minute[default]=1000000"));
	}

}
