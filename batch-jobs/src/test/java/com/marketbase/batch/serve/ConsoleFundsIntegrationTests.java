package com.marketbase.batch.serve;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.TestWarehouse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funds API over HTTP: estimates answer from the cache and queue refreshes without a
 * single source call, a queued fund keeps its place unless its priority rises, NAV syncs
 * are queued (or run inline for a handful of funds by an operator), and bad input is
 * refused in one line.
 */
class ConsoleFundsIntegrationTests {

	private static Sandbox served;

	private static ConsoleServer server;

	private static JdbcTemplate jdbc;

	@Test
	void estimatesComeFromTheCacheAndQueueRefreshesWithoutCallingASource() {
		Map<String, Long> before = served.counts();
		ConsoleServer.Response first = server.post("/api/funds/estimates", ConsoleServer.VIEWER,
				"{\"codes\":[\"000001\",\"000008.OF\",\"000029\"]}");
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		JsonNode answers = first.json();
		assertThat(answers).hasSize(3);
		assertThat(answers.get(0).path("code").asString()).isEqualTo("000001.OF");
		assertThat(answers.get(0).path("stale").asBoolean()).isTrue();
		assertThat(answers.get(0).path("queued_refresh").asBoolean()).isTrue();
		assertThat(answers.get(0).path("estimate").isNull()).isTrue();
		assertThat(answers.get(0).path("tier").asString()).isEqualTo("rest");
		assertThat(answers.get(1).path("queued_refresh").asBoolean()).isTrue();
		// A money-market fund has nothing to refresh.
		assertThat(answers.get(2).path("queued_refresh").asBoolean()).isFalse();
		assertThat(answers.get(2).path("note").asString()).contains("money-market");
		assertThat(served.counts()).isEqualTo(before);
		assertThat(priority("000001.OF")).isEqualTo(10);

		// Asked again: already queued at that priority, so nothing moves.
		ConsoleServer.Response again = server.post("/api/funds/estimates", ConsoleServer.VIEWER,
				"{\"codes\":[\"000001\",\"000008\"]}");
		assertThat(again.json().get(0).path("queued_refresh").asBoolean()).isFalse();
		assertThat(again.json().get(1).path("queued_refresh").asBoolean()).isFalse();

		// On the watchlist it moves up; only an operator puts it there.
		assertThat(server.put("/api/funds/watchlist/000008", ConsoleServer.VIEWER, "").status()).isEqualTo(403);
		ConsoleServer.Response watched = server.put("/api/funds/watchlist/000008", ConsoleServer.OPERATOR, "");
		assertThat(watched.status()).as(watched.body()).isEqualTo(200);
		assertThat(priority("000008.OF")).isEqualTo(30);
		assertThat(server.get("/api/funds/watchlist", ConsoleServer.VIEWER).json().get(0).path("code").asString())
			.isEqualTo("000008.OF");
		ConsoleServer.Response held = server.put("/api/funds/holdings/000001", ConsoleServer.OPERATOR,
				"{\"units\": 1500.5}");
		assertThat(held.status()).as(held.body()).isEqualTo(200);
		assertThat(held.json().path("units").decimalValue()).isEqualByComparingTo("1500.5");
		assertThat(priority("000001.OF")).isEqualTo(20);
		ConsoleServer.Response estimates = server.post("/api/funds/estimates", ConsoleServer.VIEWER,
				"{\"codes\":[\"000008\"]}");
		assertThat(estimates.json().get(0).path("tier").asString()).isEqualTo("watchlist");
		assertThat(estimates.json().get(0).path("queued_refresh").asBoolean()).isFalse();
		assertThat(served.counts()).isEqualTo(before);
	}

	@Test
	void navSyncsAreQueuedOrRunInlineForAHandfulOfFunds() {
		Map<String, Long> before = served.counts();
		ConsoleServer.Response queued = server.post("/api/funds/nav-history/sync", ConsoleServer.OPERATOR,
				"{\"codes\":[\"000015\"]}");
		assertThat(queued.status()).as(queued.body()).isEqualTo(200);
		assertThat(queued.json().path("queued").asBoolean()).isTrue();
		assertThat(queued.json().path("newly_queued").asInt()).isEqualTo(1);
		assertThat(server.post("/api/funds/nav-history/sync", ConsoleServer.OPERATOR, "{\"codes\":[\"000015\"]}")
			.json()
			.path("newly_queued")
			.asInt()).isZero();
		assertThat(served.counts()).isEqualTo(before);
		assertThat(
				server.post("/api/funds/nav-history/sync", ConsoleServer.VIEWER, "{\"codes\":[\"000015\"]}").status())
			.isEqualTo(403);

		String six = IntStream.range(0, 6)
			.mapToObj((i) -> "\"" + String.format("%06d", 1 + i * 7) + "\"")
			.collect(Collectors.joining(","));
		ConsoleServer.Response many = server.post("/api/funds/nav-history/sync", ConsoleServer.OPERATOR,
				"{\"codes\":[" + six + "],\"mode\":\"inline\"}");
		assertThat(many.status()).isEqualTo(400);
		assertThat(many.json().path("detail").asString()).contains("at most 5");

		ConsoleServer.Response inline = server.post("/api/funds/nav-history/sync", ConsoleServer.OPERATOR,
				"{\"codes\":[\"000022\"],\"mode\":\"inline\"}");
		assertThat(inline.status()).as(inline.body()).isEqualTo(200);
		assertThat(inline.json().path("result").asString()).startsWith("fund_nav execution ").contains(" completed");
		assertThat(served.calls("eastmoney:f10/lsjz")).isGreaterThan(before.getOrDefault("eastmoney:f10/lsjz", 0L));
		JsonNode fund = server.get("/api/funds/000022", ConsoleServer.VIEWER).json();
		assertThat(fund.path("navs")).isNotEmpty();
		assertThat(fund.path("navs").get(0).path("unit_nav").isNumber()).isTrue();
	}

	@Test
	void badInputIsRefusedInOneLine() {
		for (String[] bad : new String[][] { { "{\"codes\":[\"12345\"]}", "is not a fund code" },
				{ "{\"codes\":[]}", "at least one fund code" }, { "{\"codes\":[\"999999\"]}", "Not an open-end fund" },
				{ "{\"codes\":["
						+ IntStream.range(0, 201).mapToObj((i) -> "\"000001\"").collect(Collectors.joining(",")) + "]}",
						"At most 200" } }) {
			ConsoleServer.Response refused = server.post("/api/funds/estimates", ConsoleServer.VIEWER, bad[0]);
			assertThat(refused.status()).as(bad[0]).isEqualTo(400);
			assertThat(refused.json().path("detail").asString()).contains(bad[1]).doesNotContain("\n");
		}
		ConsoleServer.Response units = server.put("/api/funds/holdings/000001", ConsoleServer.OPERATOR,
				"{\"units\": -3}");
		assertThat(units.status()).isEqualTo(400);
		assertThat(server.get("/api/funds/888888", ConsoleServer.VIEWER).status()).isEqualTo(404);
	}

	private static int priority(String symbol) {
		Number priority = jdbc.queryForObject("select priority from market.scheduled_tasks "
				+ "where task_name = 'fund-estimate' and task_instance = ?", Number.class, symbol);
		return (priority != null) ? priority.intValue() : -1;
	}

	@BeforeAll
	static void start() throws Exception {
		served = Sandbox.start(SandboxSettings.defaults().withUniverse(20, 2, 10));
		server = ConsoleServer.start("--marketbase.sources.tushare.base-url=" + served.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.eastmoney.base-url=" + served.baseUrl(), "--marketbase.funds.source=eastmoney",
				// The sandbox's calendar starts in December 2023.
				"--marketbase.jobs.fund-nav.history-start=2026-06-01",
				// Nothing runs the queue here: the test sees what requests queue.
				"--marketbase.funds.worker=false");
		jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
		assertThat(ReferenceRuns.launch(server.context(), "instruments", Map.of("source", "tushare")).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
	}

	@AfterAll
	static void stop() {
		server.close();
		served.close();
	}

}
