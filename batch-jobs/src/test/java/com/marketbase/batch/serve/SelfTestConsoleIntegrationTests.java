package com.marketbase.batch.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-test's schedule and "run now" in the console: a viewer reads the schedule,
 * only an operator sets it (a choice that is none of the seven is refused in one line) or
 * starts a run, which is kept as the console's; a page's session needs the CSRF token to
 * set it, as for every other change.
 */
class SelfTestConsoleIntegrationTests {

	private static ConsoleServer server;

	private static JdbcTemplate jdbc;

	private static HttpServer eastmoney;

	private static final AtomicInteger asked = new AtomicInteger();

	// Closed, it holds every question to Eastmoney until it opens.
	private static volatile CountDownLatch gate = new CountDownLatch(0);

	@BeforeAll
	static void start() throws IOException {
		// Eastmoney needs no setting: the only source configured, here a stub on the
		// loopback that answers every question 500, once its gate is open.
		eastmoney = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		eastmoney.setExecutor(Executors.newCachedThreadPool());
		eastmoney.createContext("/", (exchange) -> {
			asked.incrementAndGet();
			try {
				gate.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		eastmoney.start();
		server = ConsoleServer.start(
				"--marketbase.sources.eastmoney.base-url=http://127.0.0.1:" + eastmoney.getAddress().getPort(),
				"--marketbase.sources.eastmoney.retry.max-retries=0");
		jdbc = new JdbcTemplate(server.bean(DataSource.class));
	}

	@AfterAll
	static void stop() {
		server.close();
		eastmoney.stop(0);
	}

	@Test
	void aViewerReadsTheScheduleAndOnlyAnOperatorSetsIt() {
		ConsoleServer.Response read = server.get("/api/selftest/schedule", ConsoleServer.VIEWER);
		assertThat(read.status()).as(read.body()).isEqualTo(200);
		assertThat(read.json().get("every").asString()).isEqualTo("off");
		assertThat(read.json().get("choices")).extracting(JsonNode::asString)
			.containsExactly("off", "5m", "10m", "15m", "30m", "hourly", "daily");
		assertThat(read.json().get("nextRunAt").isNull()).isTrue();

		assertThat(server.put("/api/selftest/schedule", ConsoleServer.VIEWER, "{\"every\": \"15m\"}").status())
			.isEqualTo(403);
		assertThat(server.get("/api/selftest/schedule", ConsoleServer.VIEWER).json().get("every").asString())
			.isEqualTo("off");

		ConsoleServer.Response bad = server.put("/api/selftest/schedule", ConsoleServer.OPERATOR,
				"{\"every\": \"7m\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("field").asString()).isEqualTo("every");
		assertThat(bad.json().get("detail").asString())
			.isEqualTo("every is one of off, 5m, 10m, 15m, 30m, hourly, daily; not '7m'.");
		assertThat(server.put("/api/selftest/schedule", ConsoleServer.OPERATOR, "{}").status()).isEqualTo(400);

		Instant before = Instant.now();
		ConsoleServer.Response set = server.put("/api/selftest/schedule", ConsoleServer.OPERATOR,
				"{\"every\": \"15m\"}");
		try {
			assertThat(set.status()).as(set.body()).isEqualTo(200);
			assertThat(set.json().get("every").asString()).isEqualTo("15m");
			assertThat(set.json().get("setBy").asString()).isEqualTo(ConsoleServer.OPERATOR);
			Instant next = Instant.parse(set.json().get("nextRunAt").asString());
			assertThat(next).isBetween(before.plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
			assertThat(jdbc.queryForObject("select every || ' ' || set_by from market.selftest_schedule", String.class))
				.isEqualTo("15m otto");
		}
		finally {
			ConsoleServer.Response off = server.post("/api/selftest/schedule", ConsoleServer.OPERATOR,
					"{\"every\": \"off\"}");
			assertThat(off.status()).as(off.body()).isEqualTo(200);
			assertThat(off.json().get("nextRunAt").isNull()).isTrue();
		}
	}

	@Test
	void anOperatorStartsARunNowWhichIsKeptAsTheConsoles() {
		assertThat(server.post("/api/selftest/run", ConsoleServer.VIEWER).status()).isEqualTo(403);

		ConsoleServer.Response started = server.post("/api/selftest/run", ConsoleServer.OPERATOR);

		assertThat(started.status()).as(started.body()).isEqualTo(202);
		JsonNode run = awaitEnd(started.json().get("run").asLong());
		assertThat(run.get("trigger").asString()).isEqualTo("console");
		assertThat(run.get("sources").asString()).isEqualTo("eastmoney");
		assertThat(run.get("checks").asInt()).isEqualTo(2);
		assertThat(run.get("failed").asInt()).isEqualTo(2);
		assertThat(run.get("notified").isNull()).as("no webhook is set").isTrue();
		assertThat(run.get("results"))
			.extracting((result) -> result.get("endpoint").asString() + " " + result.get("status").asString() + " "
					+ result.get("errorClass").asString())
			.containsExactlyInAnyOrder("f10/lsjz failed http error", "fundgz failed http error");
	}

	@Test
	void aRunIsRefusedWhileAnotherIsUnderWay() {
		gate = new CountDownLatch(1);
		long first;
		try {
			int before = asked.get();
			ConsoleServer.Response started = server.post("/api/selftest/run", ConsoleServer.OPERATOR);
			assertThat(started.status()).as(started.body()).isEqualTo(202);
			first = started.json().get("run").asLong();
			// The run waits at the gate for Eastmoney's answer.
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> asked.get() > before);
			assertThat(server.get("/api/selftest/schedule", ConsoleServer.VIEWER).json().get("underWay").asBoolean())
				.isTrue();

			ConsoleServer.Response second = server.post("/api/selftest/run", ConsoleServer.OPERATOR);

			assertThat(second.status()).as(second.body()).isEqualTo(409);
			assertThat(second.json().get("detail").asString())
				.isEqualTo("A self-test is under way; its results show when it ends.");
		}
		finally {
			gate.countDown();
		}
		assertThat(awaitEnd(first).get("failed").asInt()).isEqualTo(2);
		ConsoleServer.Response again = server.post("/api/selftest/run", ConsoleServer.OPERATOR);
		assertThat(again.status()).as(again.body()).isEqualTo(202);
		awaitEnd(again.json().get("run").asLong());
	}

	// A run is over once it is closed and the server takes another.
	private static JsonNode awaitEnd(long id) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> !server.get("/api/selftest/" + id, ConsoleServer.VIEWER).json().get("finishedAt").isNull()
					&& !server.get("/api/selftest/schedule", ConsoleServer.VIEWER).json().get("underWay").asBoolean());
		return server.get("/api/selftest/" + id, ConsoleServer.VIEWER).json();
	}

	@Test
	void aPageSessionNeedsTheCsrfTokenToSetTheSchedule() {
		ConsoleServer.FormLogin signedIn = server.signInByForm(ConsoleServer.OPERATOR);
		ConsoleServer.Response login = signedIn.login();
		assertThat(login.status()).isEqualTo(302);
		String session = signedIn.session();
		String token = session.replaceAll(".*XSRF-TOKEN=([^;]+).*", "$1");
		HttpRequest.Builder set = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/selftest/schedule"))
			.header("Cookie", session)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"every\": \"off\"}"));

		ConsoleServer.Response withoutToken = server.send(set.build());

		assertThat(withoutToken.status()).isEqualTo(403);
		assertThat(withoutToken.json().get("detail").asString()).contains("CSRF");
		assertThat(server.send(set.header("X-XSRF-TOKEN", token).build()).status()).isEqualTo(200);
	}

	// The cookies a response sets, added to those sent before, as a Cookie header.

}
