package com.marketbase.batch.serve;

import java.time.LocalDate;
import java.time.ZoneId;

import com.marketbase.batch.coverage.CoverageFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The freshness of every dataset as actuator metrics of {@code serve}, over a week that
 * ends today, and who may read them.
 */
class CoverageMetricsIntegrationTests {

	private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	private static ConsoleServer server;

	@BeforeAll
	static void start() {
		// Every day is due from midnight, so today itself is expected.
		server = ConsoleServer.start("--marketbase.coverage.default-due-at=00:00",
				"--marketbase.coverage.metrics-cache=0s");
		// A stock complete four and three days ago, missing two days ago, partial
		// yesterday, missing today.
		JdbcTemplate jdbc = new JdbcTemplate(server.bean(javax.sql.DataSource.class));
		for (int back = 4; back >= 0; back--) {
			CoverageFixture.day(jdbc, TODAY.minusDays(back).toString(), true);
		}
		CoverageFixture.instrument(jdbc, "688001.SH", "stock", "2019-07-22", null);
		CoverageFixture.unit(jdbc, "minute_1m", "688001.SH", TODAY.minusDays(4).toString(), "complete");
		CoverageFixture.unit(jdbc, "minute_1m", "688001.SH", TODAY.minusDays(3).toString(), "complete");
		CoverageFixture.unit(jdbc, "minute_1m", "688001.SH", TODAY.minusDays(1).toString(), "partial");
		// What the quality rules found yesterday, as they store it.
		jdbc.update("insert into market.quality_findings (rule, dataset, symbol, trade_date, severity, detail) "
				+ "values ('limit_band', 'daily', '688001.SH', ?, 'blocking', 'high 13.2 outside the ±20 % band'), "
				+ "('limit_band', 'daily', '600001.SH', ?, 'warning', 'ST by today''s name')", TODAY.minusDays(1),
				TODAY.minusDays(1));
		// What reconcile found yesterday: a difference and a convention.
		jdbc.update("insert into market.reconcile_findings (trade_date, symbol, check_name, bar_end, field, ours, "
				+ "theirs, cause, convention, detail, source) values "
				+ "(?, '688001.SH', 'bars_1m', ?::timestamptz, 'close', 10.03, 10.08, 'late_correction', false, "
				+ "'the source''s 1-minute bar at 10:03 now differs', 'tushare'), "
				+ "(?, '688001.SH', 'bars_60m', null, 'labels', null, null, 'label_convention', true, "
				+ "'the source labels its 60-minute bars by their start', 'tushare')", TODAY.minusDays(1),
				TODAY.minusDays(1) + " 10:03:00+08", TODAY.minusDays(1));
	}

	@Test
	void exportsTheQualityFindingsAsMetricsAndShowsThem() {
		ConsoleServer.Response blocking = server.get(
				"/actuator/metrics/marketbase.quality.findings?tag=rule:limit_band&tag=severity:blocking",
				ConsoleServer.VIEWER);
		assertThat(blocking.status()).as(blocking.body()).isEqualTo(200);
		assertThat(blocking.json().get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
		ConsoleServer.Response settle = server.get(
				"/actuator/metrics/marketbase.quality.findings?tag=rule:settle_outside_range&tag=severity:blocking",
				ConsoleServer.VIEWER);
		assertThat(settle.json().get("measurements").get(0).get("value").asDouble()).isZero();

		ConsoleServer.Response findings = server.get("/api/quality?from=" + TODAY.minusDays(7) + "&to=" + TODAY,
				ConsoleServer.VIEWER);
		assertThat(findings.status()).isEqualTo(200);
		assertThat(findings.json().get("blocking").asInt()).isOne();
		assertThat(findings.json().get("findings").get(0).get("symbol").asString()).isEqualTo("688001.SH");
		assertThat(findings.json().get("findings").get(1).get("severity").asString()).isEqualTo("warning");
		ConsoleServer.Response tooLong = server.get("/api/quality?from=2020-01-01&to=" + TODAY, ConsoleServer.VIEWER);
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body()).contains("at most 400 days");

		ConsoleServer.Response reconciled = server.get("/api/reconcile?from=" + TODAY.minusDays(7) + "&to=" + TODAY,
				ConsoleServer.VIEWER);
		assertThat(reconciled.status()).isEqualTo(200);
		assertThat(reconciled.json().get("differences").asInt()).isOne();
		assertThat(reconciled.json().get("conventions").asInt()).isOne();
		assertThat(reconciled.json().get("findings").get(0).get("cause").asString()).isEqualTo("late_correction");
		assertThat(reconciled.json().get("findings").get(0).get("bar").asString()).isEqualTo("10:03");
		assertThat(reconciled.json().get("findings").get(1).get("convention").asBoolean()).isTrue();
		assertThat(server.get("/api/reconcile?from=2020-01-01&to=" + TODAY, ConsoleServer.VIEWER).status())
			.isEqualTo(400);
		assertThat(server.get("/api/reconcile?from=" + TODAY + "&to=" + TODAY).status()).isEqualTo(401);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void exportsFreshnessAsMetrics() {
		assertThat(metric("marketbase.coverage.missing", "minute_1m")).isEqualTo(1.0);
		assertThat(metric("marketbase.coverage.partial", "minute_1m")).isEqualTo(0.0);
		assertThat(metric("marketbase.coverage.fresh", "minute_1m")).isEqualTo(0.0);
		assertThat(metric("marketbase.coverage.last_complete_day_age", "minute_1m")).isEqualTo(3.0);
		// daily owes the same stock and has none of it.
		assertThat(metric("marketbase.coverage.missing", "daily")).isEqualTo(1.0);
		assertThat(metric("marketbase.coverage.last_complete_day_age", "daily")).isNaN();

		ConsoleServer.Response prometheus = server.get("/actuator/prometheus", ConsoleServer.VIEWER);
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.body()).contains("marketbase_coverage_missing{dataset=\"minute_1m\"} 1.0")
			.contains("marketbase_coverage_last_complete_day_age_days{dataset=\"minute_1m\"} 3.0");
	}

	@Test
	void answersHealthToAnyoneAndMetricsOnlyToUsers() {
		ConsoleServer.Response health = server.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(health.json().has("components")).as("no details for anonymous callers").isFalse();
		assertThat(server.get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(server.get("/actuator/metrics").status()).isEqualTo(401);
		assertThat(server.get("/actuator/metrics", ConsoleServer.VIEWER).status()).isEqualTo(200);
	}

	private static double metric(String name, String dataset) {
		ConsoleServer.Response response = server.get("/actuator/metrics/" + name + "?tag=dataset:" + dataset,
				ConsoleServer.VIEWER);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		// Jackson writes NaN as a string.
		tools.jackson.databind.JsonNode value = response.json().get("measurements").get(0).get("value");
		return value.isNumber() ? value.asDouble() : Double.parseDouble(value.asString());
	}

}
