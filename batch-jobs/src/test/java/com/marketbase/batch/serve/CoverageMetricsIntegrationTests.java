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
