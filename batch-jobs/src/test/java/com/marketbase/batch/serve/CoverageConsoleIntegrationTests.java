package com.marketbase.batch.serve;

import javax.sql.DataSource;

import com.marketbase.batch.coverage.CoverageFixture;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coverage matrix and its drill-down in {@code serve}, over {@link CoverageFixture}'s
 * week.
 */
class CoverageConsoleIntegrationTests {

	private static ConsoleServer server;

	@BeforeAll
	static void start() {
		// Every day is due from midnight, so the metrics expect today itself.
		server = ConsoleServer.start();
		CoverageFixture.seed(server.bean(DataSource.class));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void showsEveryDatasetDayByDay() {
		ConsoleServer.Response response = server.get("/api/coverage?from=2026-11-16&to=2026-11-22",
				ConsoleServer.VIEWER);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode matrix = response.json();
		assertThat(matrix.get("days")).hasSize(7);
		assertThat(matrix.get("datasets")).extracting((row) -> row.get("dataset").asString())
			.containsExactly("daily", "daily_basic", "etf_daily", "fina_indicator", "fund_nav", "fut_daily",
					"fut_mapping", "fx_daily", "index_daily", "index_minute", "macro", "minute_1m", "moneyflow",
					"sge_daily", "tick_trade");
		JsonNode minute = matrix.get("datasets").get(11);
		assertThat(minute.get("cells")).extracting((cell) -> cell.get("verdict").asString())
			.containsExactly("complete", "partial", "missing", "closed", "missing", "closed", "closed");
		JsonNode wednesday = minute.get("cells").get(2);
		assertThat(wednesday.get("complete").asLong()).isEqualTo(3);
		assertThat(wednesday.get("missing").asLong()).isEqualTo(1);
		assertThat(wednesday.get("delisted").asLong()).isEqualTo(1);
		assertThat(minute.get("verdicts").get("closed").asInt()).isEqualTo(3);
	}

	@Test
	void drillsDownToTheSymbolsBehindADay() {
		JsonNode friday = server.get("/api/coverage/gaps?dataset=minute_1m&day=2026-11-20", ConsoleServer.VIEWER)
			.json();

		assertThat(friday.get("total").asLong()).isEqualTo(1);
		JsonNode gap = friday.get("gaps").get(0);
		assertThat(gap.get("symbol").asString()).isEqualTo("600003.SH");
		assertThat(gap.get("status").asString()).isEqualTo("failed");
		assertThat(gap.get("reason").asString()).isEqualTo("HTTP 500");
		assertThat(gap.get("quarantined").asBoolean()).isTrue();
		JsonNode tuesday = server.get("/api/coverage/gaps?dataset=minute_1m&day=2026-11-17", ConsoleServer.VIEWER)
			.json();
		assertThat(tuesday.get("gaps").get(0).get("status").asString()).isEqualTo("partial");
		assertThat(tuesday.get("gaps").get(0).get("rowsLoaded").asInt()).isEqualTo(200);
	}

	@Test
	void refusesBadRequestsNamingTheField() {
		ConsoleServer.Response unknown = server.get("/api/coverage?from=2026-11-16&to=2026-11-22&dataset=nope",
				ConsoleServer.VIEWER);
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("dataset");
		assertThat(unknown.json().get("detail").asString()).isEqualTo(
				"Unknown dataset 'nope'; datasets: daily, daily_basic, etf_daily, fina_indicator, fund_nav, fut_daily, fut_mapping, fx_daily, index_daily, index_minute, macro, minute_1m, moneyflow, sge_daily, tick_trade.");
		ConsoleServer.Response backwards = server.get("/api/coverage?from=2026-11-22&to=2026-11-16",
				ConsoleServer.VIEWER);
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.json().get("field").asString()).isEqualTo("to");
		assertThat(server.get("/api/coverage?from=2010-01-01&to=2026-11-16", ConsoleServer.VIEWER).status())
			.isEqualTo(400);
		assertThat(server.get("/api/coverage/gaps?dataset=minute_1m&day=someday", ConsoleServer.VIEWER).status())
			.isEqualTo(400);
		assertThat(server.get("/api/coverage?from=2026-11-16&to=2026-11-22").status()).isEqualTo(401);
	}

}
