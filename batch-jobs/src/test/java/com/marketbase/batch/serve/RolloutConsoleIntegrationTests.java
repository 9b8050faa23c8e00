package com.marketbase.batch.serve;

import java.time.Instant;

import javax.sql.DataSource;

import com.marketbase.batch.probe.ProbeResult;
import com.marketbase.batch.probe.Probes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollout switches in {@code serve}: everyone signed in sees them with their trail
 * and the probes; only an operator changes one, with a reason, and the change is audited
 * under the operator's name; a switched-off dataset's launch from the console is refused
 * with the command line's line.
 */
class RolloutConsoleIntegrationTests {

	private static ConsoleServer server;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		server = ConsoleServer.start();
		jdbc = new JdbcTemplate(server.bean(DataSource.class));
		server.bean(Probes.class)
			.record(new ProbeResult("tushare", "stk_premarket", "limit=1 trade_date=20261120", false,
					"Tushare Pro refused stk_premarket: the token has no permission for stk_premarket (code 40203: "
							+ "抱歉，您没有接口(stk_premarket)访问权限)",
					Instant.parse("2026-12-04T01:00:00Z")));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void switchesOn() {
		for (String name : new String[] { "p0Enabled", "p1Enabled", "p2Enabled" }) {
			server.post("/api/rollout/switches/" + name, ConsoleServer.OPERATOR,
					"{\"value\": true, \"reason\": \"test starts with every batch on\"}");
		}
	}

	@Test
	void showsTheSwitchesTheirTrailAndTheProbesToAViewer() {
		ConsoleServer.Response response = server.get("/api/rollout", ConsoleServer.VIEWER);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode rollout = response.json();
		assertThat(rollout.get("switches")).extracting((s) -> s.get("name").asString())
			.startsWith("p0Enabled", "p1Enabled", "p2Enabled")
			.contains("universeIndexDailyEnabled", "p2SpecialPermissionStkPremarketV1");
		assertThat(rollout.get("changes").size()).isGreaterThanOrEqualTo(10);
		JsonNode probe = rollout.get("probes").get(0);
		assertThat(probe.get("endpoint").asString()).isEqualTo("stk_premarket");
		assertThat(probe.get("granted").asBoolean()).isFalse();
		assertThat(probe.get("message").asString()).contains("抱歉，您没有接口(stk_premarket)访问权限");
	}

	@Test
	void anOperatorChangesASwitchWithAReasonAndTheChangeIsAudited() {
		long before = System.currentTimeMillis();

		ConsoleServer.Response response = server.post("/api/rollout/switches/p1Enabled", ConsoleServer.OPERATOR,
				"{\"value\": false, \"reason\": \"FX whitelist under review\"}");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("current").get("value").asBoolean()).isFalse();
		assertThat(response.json().get("message").asString()).isEqualTo("p1Enabled set to false by otto.");
		var change = jdbc.queryForMap("select old_value, new_value, changed_by, changed_at_ms, reason "
				+ "from market.rollout_switch_changes order by id desc limit 1");
		assertThat(change).containsEntry("old_value", true)
			.containsEntry("new_value", false)
			.containsEntry("changed_by", ConsoleServer.OPERATOR)
			.containsEntry("reason", "FX whitelist under review");
		assertThat((Long) change.get("changed_at_ms")).isBetween(before, System.currentTimeMillis());
	}

	@Test
	void aViewerCannotChangeASwitch() {
		long changes = changes();

		ConsoleServer.Response response = server.post("/api/rollout/switches/p0Enabled", ConsoleServer.VIEWER,
				"{\"value\": false, \"reason\": \"just looking\"}");

		assertThat(response.status()).isEqualTo(403);
		assertThat(changes()).isEqualTo(changes);
		assertThat(jdbc.queryForObject("select value from market.rollout_switches where name = 'p0Enabled'",
				Boolean.class))
			.isTrue();
	}

	@Test
	void refusesAChangeWithoutReasonAndTheSpecialPermissionWithoutAPassedProbe() {
		long changes = changes();

		ConsoleServer.Response noReason = server.post("/api/rollout/switches/p0Enabled", ConsoleServer.OPERATOR,
				"{\"value\": false, \"reason\": \"  \"}");
		ConsoleServer.Response special = server.post("/api/rollout/switches/p2SpecialPermissionStkPremarketV1",
				ConsoleServer.OPERATOR, "{\"value\": true, \"reason\": \"bought it\"}");
		ConsoleServer.Response unknown = server.post("/api/rollout/switches/p9Enabled", ConsoleServer.OPERATOR,
				"{\"value\": true, \"reason\": \"typo\"}");

		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().get("field").asString()).isEqualTo("reason");
		assertThat(special.status()).isEqualTo(409);
		assertThat(special.json().get("detail").asString())
			.startsWith("p2SpecialPermissionStkPremarketV1 stays off: the latest probe of tushare stk_premarket");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("name");
		assertThat(changes()).isEqualTo(changes);
	}

	@Test
	void refusesALaunchOfASwitchedOffDatasetWithOneLine() {
		server.post("/api/rollout/switches/p0Enabled", ConsoleServer.OPERATOR,
				"{\"value\": false, \"reason\": \"P0 rolled back\"}");

		ConsoleServer.Response launch = server.post("/api/jobs/etf_daily/executions", ConsoleServer.OPERATOR,
				"{\"parameters\": {\"trade_date\": \"2026-11-20\"}}");

		assertThat(launch.status()).as(launch.body()).isEqualTo(400);
		assertThat(launch.json().get("detail").asString())
			.isEqualTo("etf_daily is switched off: p0Enabled=false (set it with: flags set p0Enabled=true --reason …)");
		assertThat(
				jdbc.queryForObject("select count(*) from batch_job_instance where job_name = 'etf_daily'", Long.class))
			.isZero();
	}

	private static long changes() {
		return jdbc.queryForObject("select count(*) from market.rollout_switch_changes", Long.class);
	}

}
