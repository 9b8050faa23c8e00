package com.marketbase.batch.job.moneyflow;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

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
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * moneyflow end to end against the sandbox through the real Tushare connector: refused
 * while its module switch is off, then a month loaded with lots and 10,000 CNY converted,
 * and an outcome for every unit it owes.
 */
class MoneyflowIntegrationTests {

	private static final Map<String, String> MONTH = Map.of("start_date", "2024-12-01", "end_date", "2024-12-31",
			"source", "tushare");

	private static Sandbox served;

	private static ConfigurableApplicationContext app;

	@Test
	void aMonthLoadsEveryRowTheSourceHasInWarehouseUnitsOnceTheSwitchIsOn() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.EMBEDDED.dataSource());
		assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThatIllegalArgumentException().isThrownBy(() -> ReferenceRuns.launch(app, "moneyflow", MONTH))
			.withMessageContaining("universeMoneyflowEnabled");

		app.getBean(RolloutSwitches.class).set("universeMoneyflowEnabled", true, "test", "wave 3 starts");
		JobExecution execution = ReferenceRuns.launch(app, "moneyflow", MONTH);

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		TushareClient client = ReferenceRuns.client(served);
		// Every column, side and size apart, in warehouse units: a swap of two would
		// show.
		Map<String, String> columns = new java.util.LinkedHashMap<>();
		for (String side : List.of("buy", "sell")) {
			for (String[] size : new String[][] { { "sm", "small" }, { "md", "medium" }, { "lg", "large" },
					{ "elg", "extra_large" } }) {
				columns.put(side + "_" + size[0] + "_vol", side + "_" + size[1] + "_volume");
				columns.put(side + "_" + size[0] + "_amount", side + "_" + size[1] + "_amount");
			}
		}
		columns.put("net_mf_vol", "net_volume");
		columns.put("net_mf_amount", "net_amount");
		List<String> fields = new java.util.ArrayList<>(List.of("ts_code", "trade_date"));
		fields.addAll(columns.keySet());
		TushareTable sent = client.call("moneyflow", Map.of("start_date", "20241201", "end_date", "20241231"), fields);
		assertThat(sent.size()).isPositive();
		assertThat(count(jdbc, "select count(*) from market.stock_moneyflow")).isEqualTo(sent.size());
		columns.forEach((column, stored) -> {
			BigDecimal scale = BigDecimal.valueOf(column.endsWith("_vol") ? 100 : 10_000);
			assertThat(jdbc.queryForObject("select sum(" + stored + ") from market.stock_moneyflow", BigDecimal.class))
				.as(stored)
				.isEqualByComparingTo(sum(sent, column).multiply(scale));
		});
		// Every owed unit has an outcome: a row, or a day the source had none for.
		assertThat(count(jdbc, "select count(*) from market.load_units where dataset = 'moneyflow'"))
			.isEqualTo(count(jdbc, """
					select count(*) from market.instruments i
					join market.trading_calendar c on c.exchange = 'SSE' and c.is_open
						and c.cal_date between date '2024-12-01' and date '2024-12-31'
					where i.asset_class = 'stock' and (i.list_date is null or i.list_date <= c.cal_date)
						and (i.delist_date is null or c.cal_date < i.delist_date)"""));
		assertThat(count(jdbc,
				"select count(*) from market.load_units where dataset = 'moneyflow' and status = 'complete'"))
			.isEqualTo(sent.size());
	}

	private static BigDecimal sum(TushareTable table, String column) {
		BigDecimal sum = BigDecimal.ZERO;
		for (TushareTable.Row row : table.named()) {
			JsonNode value = row.get(column);
			sum = sum.add(value.isNull() ? BigDecimal.ZERO : new BigDecimal(value.asString()));
		}
		return sum;
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Number count = jdbc.queryForObject(sql, Number.class);
		return (count != null) ? count.longValue() : 0;
	}

	@BeforeAll
	static void start() {
		TestWarehouse.EMBEDDED.freshlyMigrated();
		served = Sandbox.start(SandboxSettings.defaults().withUniverse(20, 2, 0));
		app = SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=" + TestWarehouse.EMBEDDED.jdbcUrl(),
				"--marketbase.sources.tushare.base-url=" + served.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.tushare.calls-per-minute[default]=1000000");
	}

	@AfterAll
	static void stop() {
		app.close();
		served.close();
	}

}
