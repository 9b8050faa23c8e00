package com.marketbase.batch.serve;

import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marketbase.batch.support.launch.BadDates;
import com.marketbase.batch.support.launch.DateWindow;
import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.console.ConsoleSql;
import com.marketbase.console.job.JobCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The console tried as an attacker and as a careless user would: every date filter and
 * launch date outside the window, blank values, refused launches, cross-site and
 * anonymous changes, the error page, oversized bodies and long queries.
 */
class ConsoleHardeningIntegrationTests {

	private static ConsoleServer server;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		// A statement time limit far beyond the tests' waits: a read that stops early was
		// stopped by something else.
		server = ConsoleServer.start("--marketbase.console.query-timeout=120s");
		jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static Stream<String> datedReads() {
		List<String> paths = new ArrayList<>();
		for (String typed : BadDates.ALL) {
			String day = URLEncoder.encode(typed, StandardCharsets.UTF_8);
			paths.addAll(
					List.of("/api/coverage?from=" + day + "&to=2026-11-20", "/api/coverage?from=2026-11-01&to=" + day,
							"/api/coverage?dataset=minute_1m&from=" + day + "&to=" + day,
							"/api/coverage/gaps?dataset=minute_1m&day=" + day,
							"/api/bars?symbol=600000.SH&interval=1d&from=" + day,
							"/api/bars?symbol=600000.SH&interval=1d&from=2026-11-01&to=" + day,
							"/api/executions?from=" + day, "/api/executions?to=" + day));
		}
		return paths.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("datedReads")
	void refusesEveryDateFilterOutsideTheWindowWith400(String path) {
		ConsoleServer.Response answer = server.get(path, ConsoleServer.VIEWER);

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.json().path("field").asString()).isIn("from", "to", "day");
		assertThat(answer.body()).doesNotContainIgnoringCase("select").doesNotContain("Exception");
	}

	static Stream<Arguments> datedLaunches() {
		List<Arguments> cases = new ArrayList<>();
		for (String day : BadDates.ALL) {
			for (String job : List.of("minute_1m", "daily", "etf_daily", "index_daily", "instruments")) {
				cases.add(Arguments.of(job, "{\"parameters\":{\"trade_date\":\"" + day + "\"}}"));
			}
			for (String job : List.of("minute_1m", "daily", "calendar")) {
				cases.add(Arguments.of(job,
						"{\"parameters\":{\"start_date\":\"" + day + "\",\"end_date\":\"2026-11-20\"}}"));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("datedLaunches")
	void refusesEveryLaunchDateOutsideTheWindowWith400AndNoInstance(String job, String body) {
		long instances = instances();

		ConsoleServer.Response answer = server.post("/api/jobs/" + job + "/executions", ConsoleServer.OPERATOR, body);

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.json().path("field").asString()).isIn("trade_date", "start_date", "end_date");
		assertThat(instances()).isEqualTo(instances);
	}

	@Test
	void refusesBlankValuesInsteadOfLoadingTheWholeMarket() {
		long instances = instances();

		ConsoleServer.Response answer = server.post("/api/jobs/minute_1m/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":{\"symbols\":\"\",\"trade_date\":\"2026-11-20\"}}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().path("field").asString()).isEqualTo("symbols");
		assertThat(answer.json().path("detail").asString())
			.isEqualTo("symbols is blank; give it a value or leave it out.");
		assertThat(instances()).isEqualTo(instances);
	}

	@Test
	void aRefusedLaunchLeavesNothingAndIsRefusedTheSameWayAgain() {
		long instances = instances();
		// Inside the window, after the last day the sandbox knows.
		String body = "{\"parameters\":{\"trade_date\":\"" + DateWindow.last() + "\"}}";

		ConsoleServer.Response first = server.post("/api/jobs/daily/executions", ConsoleServer.OPERATOR, body);
		ConsoleServer.Response second = server.post("/api/jobs/daily/executions", ConsoleServer.OPERATOR, body);

		assertThat(first.status()).as(first.body()).isEqualTo(400);
		assertThat(second.status()).as(second.body()).isEqualTo(400);
		assertThat(second.json().path("detail").asString()).isEqualTo(first.json().path("detail").asString())
			.contains("does not know");
		assertThat(instances()).isEqualTo(instances);
	}

	@Test
	void refusesAStateChangeThatABrowserSaysComesFromAnotherSite() {
		// An attacker's sibling site can set the token cookie and send the matching
		// token.
		HttpRequest.Builder forged = HttpRequest
			.newBuilder(URI.create(server.baseUrl() + "/api/executions/424242/abandon"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", basic(ConsoleServer.OPERATOR))
			.header("Cookie", "XSRF-TOKEN=chosen-by-the-attacker")
			.header("X-XSRF-TOKEN", "chosen-by-the-attacker")
			.POST(HttpRequest.BodyPublishers.noBody());

		ConsoleServer.Response fromOrigin = server.send(forged.copy().header("Origin", "https://evil.example").build());
		ConsoleServer.Response fromSite = server.send(forged.copy().header("Sec-Fetch-Site", "cross-site").build());
		ConsoleServer.Response sameOrigin = server.send(forged.copy().header("Origin", server.baseUrl()).build());

		assertThat(fromOrigin.status()).isEqualTo(403);
		assertThat(fromOrigin.json().path("detail").asString()).startsWith("Cross-site request refused");
		assertThat(fromSite.status()).isEqualTo(403);
		// From the console's own origin the request reaches the action (which finds no
		// such execution).
		assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(404);
	}

	@Test
	void answersAnAnonymousStateChangeWith401AndTheErrorPageWith404() {
		ConsoleServer.Response anonymous = server
			.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/executions/1/abandon"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build());
		ConsoleServer.Response error = server.get("/error");

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(error.status()).isEqualTo(404);
		assertThat(error.body()).doesNotContain("999");
	}

	@Test
	void capsRequestBodiesAndTheDetailsOfItsAnswers() {
		String huge = "{\"parameters\":{\"symbols\":\"" + "BAD-CODE,".repeat(120_000) + "\"}}";
		ConsoleServer.Response tooLarge = server.post("/api/jobs/minute_1m/executions", ConsoleServer.OPERATOR, huge);

		String large = "{\"parameters\":{\"symbols\":\"" + "BAD-CODE,".repeat(400) + "\"}}";
		ConsoleServer.Response malformed = server.post("/api/jobs/minute_1m/executions", ConsoleServer.OPERATOR, large);

		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.body().length()).isLessThan(500);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.body().length()).isLessThan(3_000);
		assertThat(malformed.json().path("detail").asString()).contains("and 390 more");
		// Without a length (chunked) the body is counted as it comes.
		byte[] chunked = huge.getBytes(StandardCharsets.UTF_8);
		ConsoleServer.Response streamed = server
			.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/jobs/minute_1m/executions"))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", basic(ConsoleServer.OPERATOR))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked)))
				.build());
		assertThat(streamed.status()).isEqualTo(413);
	}

	@Test
	void showsOperatorsAsMuchOfTheHealthAsViewers() {
		ConsoleServer.Response viewer = server.get("/actuator/health", ConsoleServer.VIEWER);
		ConsoleServer.Response operator = server.get("/actuator/health", ConsoleServer.OPERATOR);

		assertThat(viewer.json().has("components")).isTrue();
		assertThat(operator.json().has("components")).isTrue();
	}

	@Test
	void cancelsAConsoleStatementAtItsTimeLimit() {
		ConsoleSql sql = new ConsoleSql(TestWarehouse.TIMESCALEDB.dataSource(), Duration.ofSeconds(1));
		long started = System.nanoTime();

		Throwable failure = catchThrowable(() -> sql.jdbc().queryForObject("select pg_sleep(60)::text", String.class));

		assertThat(failure).isInstanceOf(DataAccessException.class);
		assertThat(sql.jdbc().queryForObject("show statement_timeout", String.class)).isEqualTo("1s");
		// The tests' database user is a superuser, who may limit temporary files.
		assertThat(sql.jdbc().queryForObject("show temp_file_limit", String.class)).isEqualTo("1GB");
		// Back in the pool, a connection has its settings as the pool lent it.
		assertThat(jdbc.queryForObject("show statement_timeout", String.class)).isEqualTo("0");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
		assertThat(jdbc.queryForObject(
				"select count(*) from pg_stat_activity where query like 'select pg_sleep(60)%' and state = 'active'",
				Integer.class))
			.isZero();
	}

	@Test
	void limitsTemporaryFilesForAnOrdinaryUserGrantedTheSetting() {
		String url = TestWarehouse.TIMESCALEDB.jdbcUrl();
		String server = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		jdbc.execute("drop role if exists marketbase_console_test");
		jdbc.execute("create role marketbase_console_test login password 'console-test'");
		try {
			// An ordinary user may not set it, so the console leaves it alone.
			assertThat(new ConsoleSql(new DriverManagerDataSource(server, "marketbase_console_test", "console-test"),
					Duration.ofSeconds(5))
				.jdbc()
				.queryForObject("show temp_file_limit", String.class)).isEqualTo("-1");

			jdbc.execute("grant set on parameter temp_file_limit to marketbase_console_test");
			ConsoleSql granted = new ConsoleSql(
					new DriverManagerDataSource(server, "marketbase_console_test", "console-test"),
					Duration.ofSeconds(5));

			assertThat(granted.jdbc().queryForObject("show temp_file_limit", String.class)).isEqualTo("1GB");
		}
		finally {
			jdbc.execute("revoke set on parameter temp_file_limit from marketbase_console_test");
			jdbc.execute("drop role marketbase_console_test");
		}
	}

	@Test
	void cancelsAConsoleReadWhenItsClientCloses() throws Exception {
		// A connection of its own: the tests' data source is one connection, and a
		// transaction sees pg_stat_activity as it was when the transaction began.
		try (Connection lock = DriverManager.getConnection(TestWarehouse.TIMESCALEDB.jdbcUrl())) {
			// A transaction holding the dataset list keeps the read waiting.
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement()) {
				statement.execute("lock table market.datasets in access exclusive mode");
			}
			try (Socket client = new Socket("127.0.0.1", URI.create(server.baseUrl()).getPort())) {
				String credentials = Base64.getEncoder()
					.encodeToString(
							(ConsoleServer.VIEWER + ":" + ConsoleServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
				client.getOutputStream()
					.write(("GET /api/coverage/gaps?dataset=minute_1m&day=2026-11-20 HTTP/1.1\r\nHost: localhost\r\n"
							+ "Authorization: Basic " + credentials + "\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
				client.getOutputStream().flush();
				await().atMost(Duration.ofSeconds(30)).until(() -> waitingReads() == 1);
			}
			long closed = System.nanoTime();

			await().atMost(Duration.ofSeconds(60)).until(() -> waitingReads() == 0);

			// Long before the statement time limit, while the lock still holds.
			assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofSeconds(60));
			lock.rollback();
		}
		ConsoleServer.Response after = server.get("/api/coverage/gaps?dataset=minute_1m&day=2026-11-20",
				ConsoleServer.VIEWER);
		assertThat(after.status()).as(after.body()).isEqualTo(200);
	}

	private static int waitingReads() {
		return jdbc.queryForObject("select count(*) from pg_stat_activity where state = 'active'"
				+ " and query like '%from market.datasets%' and pid <> pg_backend_pid()", Integer.class);
	}

	@Test
	void namesTheAllowedValuesOfAStatusFilterAndTheFieldOfABadMode() {
		ConsoleServer.Response status = server.get("/api/executions?status=NOPE", ConsoleServer.VIEWER);
		ConsoleServer.Response mode = server.post("/api/jobs/daily/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":{\"mode\":\"sideways\",\"trade_date\":\"2026-11-20\"}}");

		assertThat(status.status()).isEqualTo(400);
		assertThat(status.json().path("field").asString()).isEqualTo("status");
		assertThat(status.json().path("detail").asString()).contains("COMPLETED").contains("FAILED");
		assertThat(mode.status()).isEqualTo(400);
		assertThat(mode.json().path("field").asString()).isEqualTo("mode");
	}

	@Test
	void saysThatALaunchOfAnAbandonedInstanceWasAbandoned() {
		Map<String, String> given = Map.of("start_date", "2026-11-02", "end_date", "2026-11-06");
		JobParameters parameters = server.bean(JobCatalog.class).facts("calendar").orElseThrow().parameters(given);
		JobRepository repository = server.bean(JobRepository.class);
		JobExecution execution = repository.createJobExecution(repository.createJobInstance("calendar", parameters),
				parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setEndTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.ABANDONED);
		repository.update(execution);

		ConsoleServer.Response answer = server.post("/api/jobs/calendar/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":{\"start_date\":\"2026-11-02\",\"end_date\":\"2026-11-06\"}}");

		assertThat(answer.status()).as(answer.body()).isEqualTo(409);
		assertThat(answer.json().path("detail").asString())
			.isEqualTo("calendar for these parameters was abandoned (execution " + execution.getId()
					+ "), so it does not run again; add force=true to run it as a new instance.");
	}

	private static long instances() {
		return jdbc.queryForObject("select count(*) from batch_job_instance", Long.class);
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + ConsoleServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
