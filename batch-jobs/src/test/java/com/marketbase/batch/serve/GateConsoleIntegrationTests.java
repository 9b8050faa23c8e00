package com.marketbase.batch.serve;

import javax.sql.DataSource;

import com.marketbase.batch.coverage.CoverageFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate and the last chain run in {@code serve}, over {@link CoverageFixture}'s week
 * and a recorded chain run.
 */
class GateConsoleIntegrationTests {

	private static ConsoleServer server;

	@BeforeAll
	static void start() {
		server = ConsoleServer.start();
		DataSource dataSource = server.bean(DataSource.class);
		CoverageFixture.seed(dataSource);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		long id = jdbc.queryForObject("insert into market.chain_runs (trade_date, launched_by, finished_at) "
				+ "values (date '2026-11-20', 'schedule', now()) returning id", Long.class);
		jdbc.update("insert into market.chain_modules (chain_run_id, position, job_name, outcome, job_execution_id, "
				+ "reason) values (?, 0, 'daily', 'completed', 7, 'source: tushare'), "
				+ "(?, 1, 'index_daily', 'failed', 8, 'Tushare Pro refused index_daily; restart=8'), "
				+ "(?, 2, 'fx_daily', 'skipped', null, 'no such job')", id, id, id);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void showsTheGatePerBatchAndDatasetAsTheCommandLineJudgesIt() {
		ConsoleServer.Response response = server.get("/api/gate?days=3&asOf=2026-11-20", ConsoleServer.VIEWER);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode gate = response.json();
		assertThat(gate.get("asOf").asString()).isEqualTo("2026-11-20");
		assertThat(gate.get("replay").asBoolean()).isTrue();
		assertThat(gate.get("passed").asBoolean()).isFalse();
		assertThat(gate.get("batches")).extracting((batch) -> batch.get("name").asString()).containsExactly("P0", "P1");
		JsonNode fx = gate.get("batches").get(1).get("datasets").get(0);
		assertThat(fx.get("dataset").asString()).isEqualTo("fx_daily");
		assertThat(fx.get("known").asBoolean()).isTrue();
		assertThat(fx.get("reason").asString()).as(fx.toString()).isNotEqualTo("unknown dataset");
	}

	@Test
	void refusesADayCountOrDateOutOfBoundsNamingTheField() {
		ConsoleServer.Response days = server.get("/api/gate?days=61", ConsoleServer.VIEWER);
		assertThat(days.status()).isEqualTo(400);
		assertThat(days.json().get("field").asString()).isEqualTo("days");
		ConsoleServer.Response future = server.get("/api/gate?asOf=2999-01-01", ConsoleServer.VIEWER);
		assertThat(future.status()).isEqualTo(400);
		assertThat(future.json().get("field").asString()).isEqualTo("asOf");
		assertThat(server.get("/api/gate?asOf=yesterday", ConsoleServer.VIEWER).status()).isEqualTo(400);
		assertThat(server.get("/api/chains?limit=0", ConsoleServer.VIEWER).status()).isEqualTo(400);
	}

	@Test
	void showsTheLastChainRunModuleByModule() {
		JsonNode runs = server.get("/api/chains?limit=1", ConsoleServer.VIEWER).json();

		assertThat(runs).hasSize(1);
		assertThat(runs.get(0).get("tradeDate").asString()).isEqualTo("2026-11-20");
		assertThat(runs.get(0).get("modules"))
			.extracting((module) -> module.get("job").asString() + " " + module.get("outcome").asString() + " "
					+ module.get("reason").asString())
			.containsExactly("daily completed source: tushare",
					"index_daily failed Tushare Pro refused index_daily; restart=8", "fx_daily skipped no such job");
	}

}
