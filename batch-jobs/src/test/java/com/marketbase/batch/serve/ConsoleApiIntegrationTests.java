package com.marketbase.batch.serve;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.sandbox.SandboxFault;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API against a real job repository: listing and filtering, each action's
 * allowed and refused cases, viewer against operator, and a minute_1m execution that
 * fails on the sandbox and completes when restarted.
 */
class ConsoleApiIntegrationTests {

	private static final String SECRET_TOKEN = "tushare-token-that-must-never-show";

	private static ConsoleServer server;

	private static JobRepository repository;

	@BeforeAll
	static void start() {
		server = ConsoleServer.start("--marketbase.sources.tushare.token=" + SECRET_TOKEN,
				"--marketbase.jobs.minute-1m.partitions=2");
		repository = server.bean(JobRepository.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void refusesRequestsWithoutCredentialsWithAProblem() {
		ConsoleServer.Response response = server.get("/api/executions");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Basic realm=");
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
	}

	@Test
	void refusesAWrongPassword() {
		ConsoleServer.Response response = server.get("/api/executions", "nobody");

		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void viewerReadsButMayNotAct() {
		JobExecution failed = execution("viewer_job", BatchStatus.FAILED, LocalDateTime.now().minusHours(1));

		assertThat(server.get("/api/executions", ConsoleServer.VIEWER).status()).isEqualTo(200);
		assertThat(server.get("/api/executions/" + failed.getId(), ConsoleServer.VIEWER).status()).isEqualTo(200);
		for (String action : List.of("restart", "stop", "abandon", "recover")) {
			ConsoleServer.Response refused = server.post("/api/executions/" + failed.getId() + "/" + action,
					ConsoleServer.VIEWER);
			assertThat(refused.status()).as(action).isEqualTo(403);
			assertThat(refused.json().get("detail").asString()).contains("OPERATOR");
		}
		assertThat(server.post("/api/jobs/minute_1m/executions", ConsoleServer.VIEWER, "{\"parameters\":{}}").status())
			.isEqualTo(403);
		assertThat(server.get("/api/me", ConsoleServer.VIEWER).json().get("operator").asBoolean()).isFalse();
	}

	@Test
	void listsNewestFirstFilteredAndKeysetPaged() {
		LocalDateTime day = LocalDateTime.of(2026, 3, 10, 12, 0);
		List<Long> ids = new ArrayList<>();
		ids.add(execution("list_alpha", BatchStatus.COMPLETED, day).getId());
		ids.add(execution("list_alpha", BatchStatus.FAILED, day.plusDays(1)).getId());
		ids.add(execution("list_beta", BatchStatus.FAILED, day.plusDays(2)).getId());
		ids.add(execution("list_alpha", BatchStatus.STOPPED, day.plusDays(3)).getId());
		ids.add(execution("list_alpha", BatchStatus.FAILED, day.plusDays(4)).getId());

		assertThat(idsOf("/api/executions?job=list_alpha")).containsExactly(ids.get(4), ids.get(3), ids.get(1),
				ids.get(0));
		assertThat(idsOf("/api/executions?job=list_alpha&failed=true")).containsExactly(ids.get(4), ids.get(1));
		assertThat(idsOf("/api/executions?job=list_alpha&status=STOPPED&status=COMPLETED")).containsExactly(ids.get(3),
				ids.get(0));
		assertThat(idsOf("/api/executions?failed=true&from=2026-03-11&to=2026-03-12")).containsExactly(ids.get(2),
				ids.get(1));

		JsonNode first = server.get("/api/executions?job=list_alpha&limit=3", ConsoleServer.VIEWER).json();
		assertThat(first.get("items")).hasSize(3);
		long next = first.get("next").asLong();
		assertThat(next).isEqualTo(ids.get(1));
		JsonNode second = server.get("/api/executions?job=list_alpha&limit=3&before=" + next, ConsoleServer.VIEWER)
			.json();
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("items").get(0).get("id").asLong()).isEqualTo(ids.get(0));
		assertThat(second.get("next").isNull()).isTrue();
	}

	@Test
	void refusesBadFiltersNamingTheField() {
		assertBadRequest(server.get("/api/executions?status=BROKEN", ConsoleServer.VIEWER), "status");
		assertBadRequest(server.get("/api/executions?limit=0", ConsoleServer.VIEWER), "limit");
		assertBadRequest(server.get("/api/executions?from=yesterday", ConsoleServer.VIEWER), "from");
		assertBadRequest(server.get("/api/executions?from=2026-03-02&to=2026-03-01", ConsoleServer.VIEWER), "from");
	}

	@Test
	void answersNotFoundForAnUnknownExecution() {
		assertThat(server.get("/api/executions/987654321", ConsoleServer.VIEWER).status()).isEqualTo(404);
		for (String action : List.of("restart", "stop", "abandon", "recover")) {
			ConsoleServer.Response response = server.post("/api/executions/987654321/" + action,
					ConsoleServer.OPERATOR);
			assertThat(response.status()).as(action).isEqualTo(404);
			assertThat(response.json().get("detail").asString()).isEqualTo("No execution 987654321.");
		}
	}

	@Test
	void refusesActionsTheStateForbids() {
		JobExecution completed = execution("conflict_job", BatchStatus.COMPLETED, LocalDateTime.now());
		JobExecution running = runningMinute1m(ProcessHandle.current().pid(), "600004.SH");

		assertConflict(server.post("/api/executions/" + completed.getId() + "/restart", ConsoleServer.OPERATOR),
				"completed");
		assertConflict(server.post("/api/executions/" + completed.getId() + "/stop", ConsoleServer.OPERATOR),
				"not running");
		assertConflict(server.post("/api/executions/" + completed.getId() + "/abandon", ConsoleServer.OPERATOR),
				"COMPLETED");
		assertConflict(server.post("/api/executions/" + completed.getId() + "/recover", ConsoleServer.OPERATOR),
				"COMPLETED");
		assertConflict(server.post("/api/executions/" + running.getId() + "/restart", ConsoleServer.OPERATOR),
				"STARTED");
		assertConflict(server.post("/api/executions/" + running.getId() + "/abandon", ConsoleServer.OPERATOR),
				"STARTED");
		// Its owner is this very process, which lives.
		assertConflict(server.post("/api/executions/" + running.getId() + "/recover", ConsoleServer.OPERATOR),
				"still running");
	}

	@Test
	void stopsARunningExecution() {
		JobExecution running = runningMinute1m(ProcessHandle.current().pid(), "600005.SH");

		ConsoleServer.Response stopped = server.post("/api/executions/" + running.getId() + "/stop",
				ConsoleServer.OPERATOR);

		assertThat(stopped.status()).isEqualTo(202);
		assertThat(repository.getJobExecution(running.getId()).getStatus()).isIn(BatchStatus.STOPPING,
				BatchStatus.STOPPED);
	}

	@Test
	void abandonsAFailedExecutionWhichThenCannotBeRestarted() {
		JobExecution failed = execution("abandon_job", BatchStatus.FAILED, LocalDateTime.now());

		ConsoleServer.Response abandoned = server.post("/api/executions/" + failed.getId() + "/abandon",
				ConsoleServer.OPERATOR);

		assertThat(abandoned.status()).isEqualTo(200);
		assertThat(abandoned.json().get("status").asString()).isEqualTo("ABANDONED");
		assertConflict(server.post("/api/executions/" + failed.getId() + "/restart", ConsoleServer.OPERATOR),
				"abandoned");
	}

	@Test
	void recoversAnExecutionLeftRunningByADeadProcessAndRestartsIt() {
		JobExecution orphan = runningMinute1m(deadPid(), "600006.SH");
		JsonNode before = server.get("/api/executions/" + orphan.getId(), ConsoleServer.VIEWER).json();
		assertThat(before.get("actions").get("recover").asBoolean()).isTrue();

		ConsoleServer.Response recovered = server.post("/api/executions/" + orphan.getId() + "/recover",
				ConsoleServer.OPERATOR);

		assertThat(recovered.status()).isEqualTo(200);
		assertThat(recovered.json().get("status").asString()).isEqualTo("FAILED");
		ConsoleServer.Response restarted = server.post("/api/executions/" + orphan.getId() + "/restart",
				ConsoleServer.OPERATOR);
		assertThat(restarted.status()).isEqualTo(202);
		assertThat(awaitEnd(restarted.json().get("execution").asLong())).isEqualTo("COMPLETED");
	}

	@Test
	void refusesLaunchParametersWithTheCommandLinesMessages() {
		ConsoleServer.Response badDate = server.post("/api/jobs/minute_1m/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":{\"trade_date\":\"2026-13-01\"}}");
		assertBadRequest(badDate, "trade_date");
		assertThat(badDate.json().get("reason").asString())
			.isEqualTo("trade_date '2026-13-01' is not a date; use YYYY-MM-DD, for example 2026-11-20.");

		assertBadRequest(server.post("/api/jobs/minute_1m/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":{\"trade_date\":\"2026-11-20\",\"colour\":\"blue\"}}"), "colour");
		assertBadRequest(server.post("/api/jobs/minute_1m/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":{\"trade_date\":\"2026-11-20\",\"source\":\"yahoo\"}}"), "source");
		assertBadRequest(server.post("/api/jobs/minute_1m/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":{\"start_date\":\"2026-11-20\"}}"), "start_date");
		assertThat(
				server.post("/api/jobs/no_such_job/executions", ConsoleServer.OPERATOR, "{\"parameters\":{}}").status())
			.isEqualTo(404);
		JsonNode jobs = server.get("/api/jobs", ConsoleServer.VIEWER).json();
		JsonNode minute = null;
		for (JsonNode job : jobs) {
			if (job.get("name").asString().equals("minute_1m")) {
				minute = job;
			}
		}
		assertThat(minute).as("minute_1m among the launchable jobs").isNotNull();
		assertThat(minute.get("fields").get(0).get("name").asString()).isEqualTo("trade_date");
	}

	@Test
	void launchesEveryJobWithItsOwnFieldsAndShowsItsProgressAndUnits() {
		Map<String, JsonNode> jobs = new HashMap<>();
		server.get("/api/jobs", ConsoleServer.VIEWER)
			.json()
			.forEach((job) -> jobs.put(job.get("name").asString(), job));
		assertThat(jobs).containsOnlyKeys("calendar", "daily", "daily_basic", "etf_daily", "fina_indicator", "fund_nav",
				"fut_daily", "fut_mapping", "fx_daily", "index_daily", "index_minute", "instruments", "macro",
				"market_stats", "minute_1m", "moneyflow", "quote_snapshot", "reconcile", "sge_daily", "storage",
				"tick_trade");
		jobs.values().forEach((job) -> assertThat(job.get("fields")).as(job.get("name").asString()).isNotEmpty());
		assertThat(jobs.get("daily").get("dataset").asString()).isEqualTo("daily");
		assertThat(jobs.get("minute_1m").get("dataset").asString()).isEqualTo("minute_1m");
		assertThat(jobs.get("calendar").get("dataset").isNull()).isTrue();

		JsonNode calendar = launched("calendar",
				"{\"start_date\":\"2026-01-01\",\"end_date\":\"2026-12-31\"," + "\"exchanges\":\"SSE,SZSE\"}");
		assertThat(calendar.get("progress").get("unitsDone").asLong()).isEqualTo(2);
		assertThat(calendar.get("progress").get("unitsTotal").asLong()).isEqualTo(2);
		assertThat(calendar.get("workUnits").get("counts").get("complete").asLong()).isEqualTo(2);
		assertThat(calendar.get("exitDescription").asString()).startsWith("source: sandbox, synthetic data; ");

		// In full mode only the requested days, no older holes.
		JsonNode daily = launched("daily", "{\"start_date\":\"2026-11-19\",\"end_date\":\"2026-11-20\","
				+ "\"symbols\":\"600000.SH,000001.SZ\",\"mode\":\"full\"}");
		assertThat(daily.get("progress").get("unitsDone").asLong()).as(daily.toString()).isEqualTo(4);
		assertThat(daily.get("progress").get("percent").asDouble()).isEqualTo(100.0);
		assertThat(daily.get("workUnits").get("counts").get("complete").asLong()).isEqualTo(4);
		assertThat(daily.get("dataset").asString()).isEqualTo("daily");

		// The console's checks are the command line's, and a refusal creates nothing.
		int executions = server.get("/api/executions", ConsoleServer.VIEWER).json().get("items").size();
		assertBadRequest(server.post("/api/jobs/index_daily/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":{\"symbols\":\"600000\"}}"), "symbols");
		assertBadRequest(server.post("/api/jobs/calendar/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":{\"exchanges\":\"NYSE\"}}"), "exchanges");
		assertThat(server.get("/api/executions", ConsoleServer.VIEWER).json().get("items").size())
			.isEqualTo(executions);
	}

	@Test
	void releasesAQuarantinedUnitWithWhoWhenAndWhy() {
		JdbcTemplate jdbc = new JdbcTemplate(server.bean(javax.sql.DataSource.class));
		Long id = jdbc.queryForObject(
				"""
						insert into market.failed_work_units (dataset, unit_key, source, retry_count, last_error, quarantined_at)
						values ('daily', '600999.SH/2026-11-18', 'sandbox', 2, 'rejected: high 9 is below low 10', now())
						returning id""",
				Long.class);

		JsonNode waiting = server.get("/api/quarantine?dataset=daily", ConsoleServer.VIEWER).json();
		assertThat(waiting.get("units")).anySatisfy((unit) -> {
			assertThat(unit.get("id").asLong()).isEqualTo(id);
			assertThat(unit.get("attempts").asInt()).isEqualTo(3);
		});
		assertThat(
				server.post("/api/quarantine/" + id + "/release", ConsoleServer.VIEWER, "{\"reason\":\"x\"}").status())
			.isEqualTo(403);
		assertBadRequest(server.post("/api/quarantine/" + id + "/release", ConsoleServer.OPERATOR, "{}"), "reason");
		ConsoleServer.Response released = server.post("/api/quarantine/" + id + "/release", ConsoleServer.OPERATOR,
				"{\"reason\":\"the source corrected the bar\"}");

		assertThat(released.status()).as(released.body()).isEqualTo(200);
		assertThat(jdbc.queryForMap("select released_by, release_reason, resolved_at is not null as resolved "
				+ "from market.failed_work_units where id = ?", id))
			.containsEntry("released_by", ConsoleServer.OPERATOR)
			.containsEntry("release_reason", "the source corrected the bar")
			.containsEntry("resolved", true);
		JsonNode after = server.get("/api/quarantine", ConsoleServer.VIEWER).json();
		assertThat(after.get("units")).noneSatisfy((unit) -> assertThat(unit.get("id").asLong()).isEqualTo(id));
		assertThat(after.get("releases").get(0).get("by").asString()).isEqualTo(ConsoleServer.OPERATOR);
		assertBadRequest(
				server.post("/api/quarantine/" + id + "/release", ConsoleServer.OPERATOR, "{\"reason\":\"again\"}"),
				"id");
	}

	private static JsonNode launched(String job, String parameters) {
		ConsoleServer.Response launched = server.post("/api/jobs/" + job + "/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":" + parameters + "}");
		assertThat(launched.status()).as(launched.body()).isEqualTo(202);
		long id = launched.json().get("execution").asLong();
		assertThat(awaitEnd(id)).isEqualTo("COMPLETED");
		return server.get("/api/executions/" + id, ConsoleServer.VIEWER).json();
	}

	@Test
	void restartsAFailedLoadUntilItCompletesAndShowsItsWork() {
		Sandbox sandbox = server.bean(SourceResolver.class).embeddedSandbox();
		long callsBefore = sandbox.calls("tushare:stk_mins");
		// Every call of both units fails: the first try and its four retries.
		sandbox.inject("tushare:stk_mins", SandboxFault.HTTP_500, 10);

		ConsoleServer.Response launched = server.post("/api/jobs/minute_1m/executions", ConsoleServer.OPERATOR,
				"{\"parameters\":{\"start_date\":\"2026-11-17\",\"end_date\":\"2026-11-19\","
						+ "\"symbols\":\"600000.SH,000001.SZ\",\"source\":\"sandbox\"}}");
		assertThat(launched.status()).isEqualTo(202);
		long first = launched.json().get("execution").asLong();
		assertThat(awaitEnd(first)).isEqualTo("FAILED");
		assertThat(sandbox.calls("tushare:stk_mins") - callsBefore).isEqualTo(10);

		JsonNode failed = server.get("/api/executions/" + first, ConsoleServer.VIEWER).json();
		assertThat(failed.get("actions").get("restart").asBoolean()).isTrue();
		assertThat(failed.get("workUnits").get("counts").get("failed").asLong()).isEqualTo(6);
		assertThat(failed.get("workUnits").get("failed").get(0).get("error").asString()).isNotBlank();
		assertThat(server.get("/api/executions?job=minute_1m&failed=true", ConsoleServer.VIEWER).json().get("items"))
			.anySatisfy((item) -> assertThat(item.get("id").asLong()).isEqualTo(first));

		ConsoleServer.Response restarted = server.post("/api/executions/" + first + "/restart", ConsoleServer.OPERATOR);
		assertThat(restarted.status()).isEqualTo(202);
		long second = restarted.json().get("execution").asLong();
		assertThat(second).isNotEqualTo(first);
		assertThat(awaitEnd(second)).isEqualTo("COMPLETED");

		JsonNode done = server.get("/api/executions/" + second, ConsoleServer.VIEWER).json();
		assertThat(done.get("progress").get("unitsDone").asLong()).isEqualTo(6);
		assertThat(done.get("progress").get("percent").asDouble()).isEqualTo(100.0);
		assertThat(done.get("workUnits").get("counts").get("complete").asLong()).isEqualTo(6);
		assertThat(done.get("steps")).anySatisfy(
				(step) -> assertThat(step.get("name").asString()).isEqualTo("minute_1m.load.worker:partition0"));
		assertThat(server.get("/api/executions/" + first + "/log", ConsoleServer.VIEWER).body())
			.contains("minute_1m will load 2 symbol(s)");
		assertThat(server.get("/api/executions/" + second + "/log", ConsoleServer.VIEWER).body())
			.contains("minute_1m execution " + second + " ended COMPLETED");
		ConsoleServer.Response download = server.get("/api/executions/" + second + "/log?download=true",
				ConsoleServer.VIEWER);
		assertThat(download.header("Content-Disposition")).contains("execution-" + second + ".log");
		assertConflict(server.post("/api/executions/" + second + "/restart", ConsoleServer.OPERATOR), "completed");

		JsonNode fiveMinutes = server
			.get("/api/bars?symbol=600000.SH&interval=5m&from=2026-11-17&to=2026-11-19", ConsoleServer.VIEWER)
			.json();
		assertThat(fiveMinutes.get("slots")).hasSize(3 * 48);
		assertThat(fiveMinutes.get("missing").asInt()).isZero();
		assertThat(fiveMinutes.get("slots").get(0).asString()).isEqualTo("2026-11-17 09:35");
		JsonNode oneDay = server.get("/api/bars?symbol=600000.SH&interval=1m&from=2026-11-18", ConsoleServer.VIEWER)
			.json();
		assertThat(oneDay.get("slots")).hasSize(240);
		assertThat(oneDay.get("bars").get(0).get("open").isNumber()).isTrue();
	}

	@Test
	void showsDailyCandlesOfFuturesSpotAndFxOnTheirOwnCalendars() {
		JdbcTemplate jdbc = new JdbcTemplate(server.bean(javax.sql.DataSource.class));
		Long batch = jdbc.queryForObject(
				"insert into market.load_batches (dataset, source) values ('fx_daily', 'sandbox') returning id",
				Long.class);
		// 2025-01-01 is a holiday in China and a weekday for FX.
		for (String day : List.of("2024-12-31", "2025-01-01", "2025-01-02")) {
			jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('FXCM', ?, true) "
					+ "on conflict do nothing", LocalDate.parse(day));
			jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('SSE', ?, ?) "
					+ "on conflict do nothing", LocalDate.parse(day), !day.equals("2025-01-01"));
		}
		jdbc.update(
				"insert into market.instruments (symbol, exchange, asset_class, name, tick_size, lot_size, currency) "
						+ "values ('USDCNH.FXCM', 'FXCM', 'fx', '美元离岸人民币', 0.00001, 1, 'CNH') on conflict do nothing");
		jdbc.update("insert into market.bars_fx_daily (symbol, trade_date, bid_open, bid_high, bid_low, bid_close, "
				+ "ask_open, ask_high, ask_low, ask_close, tick_count, source, load_batch_id) values "
				+ "('USDCNH.FXCM', '2025-01-01', 7.3, 7.4, 7.2, 7.35, 7.3002, 7.4002, 7.2002, 7.3502, 100, 'sandbox', ?)",
				batch);
		jdbc.update(
				"insert into market.bars_spot_daily (symbol, trade_date, open, high, low, close, volume_kg, amount, "
						+ "source, load_batch_id) values ('Au99.99', '2024-12-31', 610, 615, 605, 612, 10.5, 6426000, "
						+ "'sandbox', ?)",
				batch);

		JsonNode fx = server
			.get("/api/bars?symbol=USDCNH.FXCM&interval=1d&from=2024-12-31&to=2025-01-02", ConsoleServer.VIEWER)
			.json();
		assertThat(fx.get("slots")).extracting(JsonNode::asString)
			.containsExactly("2024-12-31", "2025-01-01", "2025-01-02");
		assertThat(fx.get("bars").get(1).get("close").asDouble()).isEqualTo(7.3501);
		assertThat(fx.get("missing").asInt()).isEqualTo(2);
		JsonNode gold = server.get("/api/bars?symbol=Au99.99&interval=1d&from=2024-12-31", ConsoleServer.VIEWER).json();
		assertThat(gold.get("bars").get(0).get("close").asDouble()).isEqualTo(612.0);
		assertBadRequest(server.get("/api/bars?symbol=Au(T%2BD&interval=1d&from=2024-12-31", ConsoleServer.VIEWER),
				"symbol");
	}

	@Test
	void showsWeeklyAndMonthlyBarsLabelledByTheirLastOpenDay() {
		JdbcTemplate jdbc = new JdbcTemplate(server.bean(javax.sql.DataSource.class));
		// Mid-Autumn closes Friday the 25th, National Day the 1st to the 7th.
		List<LocalDate> open = new ArrayList<>();
		for (LocalDate day = LocalDate.of(2026, 9, 21); !day.isAfter(LocalDate.of(2026, 10, 9)); day = day
			.plusDays(1)) {
			boolean trades = day.getDayOfWeek().getValue() <= 5 && !day.equals(LocalDate.of(2026, 9, 25))
					&& (day.isBefore(LocalDate.of(2026, 10, 1)) || day.isAfter(LocalDate.of(2026, 10, 7)));
			jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('SSE', ?, ?) "
					+ "on conflict do nothing", day, trades);
			if (trades) {
				open.add(day);
			}
		}
		Long batch = jdbc.queryForObject(
				"insert into market.load_batches (dataset, source) values ('daily', 'sandbox') returning id",
				Long.class);
		for (int i = 0; i < open.size(); i++) {
			jdbc.update(
					"insert into market.bars_daily (symbol, trade_date, open, high, low, close, volume, amount, "
							+ "source, load_batch_id) values ('601398.SH', ?, ?, ?, ?, ?, 100, 1000, 'sandbox', ?)",
					open.get(i), 5 + i, 6 + i, 4 + i, 5.5 + i, batch);
		}
		jdbc.queryForObject("select market.refresh_period_bars('{601398.SH}', '2026-09-21', '2026-10-09')",
				Integer.class);

		JsonNode weeks = server
			.get("/api/bars?symbol=601398.SH&interval=1w&from=2026-09-21&to=2026-10-09", ConsoleServer.VIEWER)
			.json();

		assertThat(weeks.get("interval").asString()).isEqualTo("1w");
		assertThat(weeks.get("slots")).extracting(JsonNode::asString)
			.containsExactly("2026-09-24", "2026-09-30", "2026-10-09");
		assertThat(weeks.get("missing").asInt()).isZero();
		JsonNode first = weeks.get("bars").get(0);
		assertThat(first.get("open").asDouble()).isEqualTo(5.0);
		assertThat(first.get("high").asDouble()).isEqualTo(9.0);
		assertThat(first.get("close").asDouble()).isEqualTo(8.5);
		assertThat(first.get("volume").asLong()).isEqualTo(400);
		JsonNode months = server
			.get("/api/bars?symbol=601398.SH&interval=1M&from=2026-09-01&to=2026-10-31", ConsoleServer.VIEWER)
			.json();
		// October is labelled by its last open day the calendar knows.
		assertThat(months.get("slots")).hasSize(2);
		assertThat(months.get("slots").get(0).asString()).isEqualTo("2026-09-30");
		assertThat(months.get("missing").asInt()).isZero();
		assertThat(months.get("bars").get(1).get("open").asDouble()).isEqualTo(12.0);
	}

	@Test
	void showsGapsAsEmptySlots() {
		JdbcTemplate jdbc = new JdbcTemplate(server.bean(javax.sql.DataSource.class));
		jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('SSE', ?, true) "
				+ "on conflict do nothing", LocalDate.of(2026, 2, 2));
		Long batch = jdbc.queryForObject(
				"insert into market.load_batches (dataset, source) values ('minute_1m', 'sandbox') returning id",
				Long.class);
		jdbc.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
				+ "load_batch_id) values ('688001.SH', '2026-02-02 09:31+08', 10, 11, 9, 10.5, 100, 1050, 'sandbox', ?)",
				batch);

		JsonNode bars = server.get("/api/bars?symbol=688001.SH&interval=1m&from=2026-02-02", ConsoleServer.VIEWER)
			.json();

		assertThat(bars.get("slots")).hasSize(240);
		assertThat(bars.get("missing").asInt()).isEqualTo(239);
		assertThat(bars.get("bars").get(0).get("close").asDouble()).isEqualTo(10.5);
		assertThat(bars.get("bars").get(1).isNull()).isTrue();
		assertBadRequest(server.get("/api/bars?symbol=688001.SH&interval=2m&from=2026-02-02", ConsoleServer.VIEWER),
				"interval");
		assertBadRequest(server.get("/api/bars?symbol=DROP%20TABLE&from=2026-02-02", ConsoleServer.VIEWER), "symbol");
	}

	@Test
	void showsSourcesAndWarehouseButNeverTheToken() {
		ConsoleServer.Response system = server.get("/api/system", ConsoleServer.VIEWER);

		assertThat(system.status()).isEqualTo(200);
		assertThat(system.json().get("warehouseMode").asString()).startsWith("TimescaleDB");
		assertThat(system.json().get("database").asString()).startsWith("PostgreSQL");
		JsonNode tushare = null;
		for (JsonNode source : system.json().get("sources")) {
			if (source.get("name").asString().equals("tushare")) {
				tushare = source;
			}
		}
		assertThat(tushare).isNotNull();
		assertThat(tushare.get("callsPerMinute").get("default").asInt()).isEqualTo(200);
		// Launches without a source read the sandbox here, and the console says so.
		assertThat(system.json().get("defaultSource").asString()).isEqualTo("sandbox, synthetic data");
		assertThat(system.json().get("demo").asBoolean()).isFalse();
		assertThat(system.body()).doesNotContain(SECRET_TOKEN);
		assertThat(server.get("/v3/api-docs", ConsoleServer.VIEWER).body()).contains("/api/executions/{id}/restart")
			.doesNotContain(SECRET_TOKEN);
	}

	@Test
	void showsTheDatabaseWithItsTablesAndChecksTheConnectionWithoutShowingThePassword() {
		JdbcTemplate jdbc = new JdbcTemplate(server.bean(javax.sql.DataSource.class));
		jdbc.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
				+ "load_batch_id) select '600000.SH', timestamptz '2016-11-21 09:31+08' + g * interval '1 minute', "
				+ "10, 10, 10, 10, 100, 1000, 'sandbox', 990099 from generate_series(0, 9) g");
		try {
			ConsoleServer.Response database = server.get("/api/system/database", ConsoleServer.VIEWER);

			assertThat(database.status()).isEqualTo(200);
			String password = TestWarehouse.TIMESCALEDB.jdbcUrl().replaceAll(".*password=([^&]*).*", "$1");
			assertThat(password).isNotBlank();
			assertThat(database.json().get("url").asString()).contains("password=****")
				.doesNotContain("password=" + password);
			assertThat(database.json().get("mode").asString()).isEqualTo("TimescaleDB Apache");
			assertThat(database.json().get("server").asString()).startsWith("PostgreSQL ").contains("license apache");
			Map<String, JsonNode> tables = new java.util.HashMap<>();
			database.json().get("tables").forEach((table) -> tables.put(table.get("name").asString(), table));
			assertThat(tables.get("bars_1m").get("kind").asString()).isEqualTo("hypertable");
			assertThat(tables.get("bars_1m").get("rows").asLong()).isPositive()
				.isEqualTo(jdbc.queryForObject("select count(*) from market.bars_1m", Long.class));
			assertThat(tables.get("bars_1m").get("rowsEstimated").asBoolean()).isFalse();
			assertThat(tables.get("bars_1m").get("bytes").asLong()).isPositive();
			// Compression needs the timescale license.
			assertThat(tables.get("bars_1m").get("compressedBytes").isNull()).isTrue();
			assertThat(tables.get("load_units").get("kind").asString()).isEqualTo("table");

			ConsoleServer.Response check = server.post("/api/system/database/check", ConsoleServer.VIEWER);

			assertThat(check.status()).isEqualTo(200);
			assertThat(check.json().get("ok").asBoolean()).isTrue();
			assertThat(check.json().get("timescaledbLicense").asString()).isEqualTo("apache");
			assertThat(check.json().get("flywayVersion").asString()).isEqualTo(jdbc.queryForObject(
					"select max(version::bigint)::text from flyway_schema_history where version is not null",
					String.class));
			assertThat(check.json().get("message").asString()).startsWith("PostgreSQL ")
				.contains("; TimescaleDB license apache; schema at migration ");
			assertThat(check.body() + database.body()).doesNotContain("password=" + password);
		}
		finally {
			jdbc.update("delete from market.bars_1m where load_batch_id = 990099");
		}
	}

	@Test
	void showsTheSelfTestRunsAndGivesOneAsADownload() {
		JdbcTemplate jdbc = new JdbcTemplate(server.bean(javax.sql.DataSource.class));
		Long id = jdbc.queryForObject("insert into market.selftest_runs (sources, finished_at, checks, failed) "
				+ "values ('tushare', now(), 2, 1) returning id", Long.class);
		jdbc.update("insert into market.selftest_results (run_id, source, endpoint, request, status, latency_ms, "
				+ "sample_size, error_class, message) values (?, 'tushare', 'daily', 'limit=1', 'failed', 30, null, "
				+ "'http error', 'HTTP 500'), (?, 'tushare', 'stock_basic', 'limit=1', 'ok', 40, 1, null, '1 row')", id,
				id);
		try {
			ConsoleServer.Response runs = server.get("/api/selftest", ConsoleServer.VIEWER);
			assertThat(runs.status()).isEqualTo(200);
			assertThat(runs.json().get(0).get("id").asLong()).isEqualTo(id);
			assertThat(runs.json().get(0).get("failed").asInt()).isOne();

			ConsoleServer.Response run = server.get("/api/selftest/" + id + "?download=true", ConsoleServer.VIEWER);
			assertThat(run.status()).isEqualTo(200);
			assertThat(run.header("Content-Disposition"))
				.isEqualTo("attachment; filename=\"selftest-" + id + ".json\"");
			assertThat(run.json().get("results")).hasSize(2);
			assertThat(run.json().get("results").get(0).get("errorClass").asString()).isEqualTo("http error");
			assertThat(server.get("/api/selftest/999999999", ConsoleServer.VIEWER).status()).isEqualTo(404);
			assertThat(server.get("/api/selftest?limit=0", ConsoleServer.VIEWER).status()).isEqualTo(400);
		}
		finally {
			jdbc.update("delete from market.selftest_runs where id = ?", id);
		}
	}

	@Test
	void showsTheRemoteWorkersWithTheirHeartbeatsAndPartitions() {
		JdbcTemplate jdbc = new JdbcTemplate(server.bean(javax.sql.DataSource.class));
		jdbc.update("insert into market.workers (worker_id, host, pid, credential, concurrency, heartbeat_at) values "
				+ "('w-alive', 'loader-1', 4101, 'token-b', 2, now()), "
				+ "('w-silent', 'loader-2', 4102, 'token-c', 2, now() - interval '5 minutes')");
		jdbc.update("insert into market.remote_partitions (step_execution_id, job_execution_id, step_name, worker_id, "
				+ "ended_at, status) values (990001, 99, 'minute_1m.load.worker:partition0', 'w-alive', now(), "
				+ "'COMPLETED'), (990002, 99, 'minute_1m.load.worker:partition1', 'w-alive', null, null), "
				+ "(990003, 99, 'minute_1m.load.worker:partition2', 'w-silent', null, null)");
		try {
			ConsoleServer.Response workers = server.get("/api/workers", ConsoleServer.VIEWER);

			assertThat(workers.status()).isEqualTo(200);
			Map<String, JsonNode> byHost = new java.util.HashMap<>();
			workers.json().forEach((worker) -> byHost.put(worker.get("host").asString(), worker));
			assertThat(byHost.get("loader-1").get("state").asString()).isEqualTo("alive");
			assertThat(byHost.get("loader-1").get("credential").asString()).isEqualTo("token-b");
			assertThat(byHost.get("loader-1").get("running").asInt()).isOne();
			assertThat(byHost.get("loader-1").get("done").asInt()).isOne();
			assertThat(byHost.get("loader-2").get("state").asString()).isEqualTo("silent");
			assertThat(byHost.get("loader-2").get("heartbeatAgeSeconds").asLong()).isGreaterThanOrEqualTo(299);
			assertThat(workers.body()).doesNotContain(SECRET_TOKEN);
		}
		finally {
			jdbc.update("delete from market.remote_partitions where job_execution_id = 99");
			jdbc.update("delete from market.workers where worker_id in ('w-alive', 'w-silent')");
		}
	}

	@Test
	void listsAnyPageInUnder300MillisecondsAmongAHundredThousandExecutions() {
		JdbcTemplate jdbc = new JdbcTemplate(server.bean(javax.sql.DataSource.class));
		jdbc.execute("""
				create temporary table bulk as select g as n, nextval('batch_job_instance_seq') as instance,
					nextval('batch_job_execution_seq') as execution,
					timestamp '2025-01-01' + g * interval '5 minutes' as started
				from generate_series(1, 100000) g""");
		jdbc.execute("""
				insert into batch_job_instance (job_instance_id, version, job_name, job_key)
				select instance, 0, case when n % 1000 = 0 then 'bulk_rare' else 'bulk_history' end, md5(n::text)
				from bulk""");
		jdbc.execute("""
				insert into batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time,
					end_time, status, exit_code, exit_message, last_updated)
				select execution, 2, instance, started, started, started + interval '4 minutes',
					case when n % 10 = 0 then 'FAILED' else 'COMPLETED' end,
					case when n % 10 = 0 then 'FAILED' else 'COMPLETED' end, '', started + interval '4 minutes'
				from bulk""");
		jdbc.execute(
				"""
						insert into batch_job_execution_params (job_execution_id, parameter_name, parameter_type,
							parameter_value, identifying)
						select execution, name, 'java.lang.String', 'value-' || n, 'Y' from bulk, unnest(array['day', 'scope']) name""");
		jdbc.execute("""
				insert into batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time,
					start_time, end_time, status, commit_count, read_count, filter_count, write_count, read_skip_count,
					write_skip_count, process_skip_count, rollback_count, exit_code, exit_message, last_updated)
				select nextval('batch_step_execution_seq'), 3, step, execution, started, started, started, 'COMPLETED',
					1, 10, 0, 10, 0, 0, 0, 0, 'COMPLETED', '', started
				from bulk, unnest(array['bulk.load', 'bulk.aggregate']) step""");
		jdbc.execute("analyze");
		long middle = jdbc.queryForObject("select execution from bulk where n = 50000", Long.class);

		List<String> pages = List.of("/api/executions", "/api/executions?job=bulk_history",
				"/api/executions?job=bulk_rare", "/api/executions?failed=true",
				"/api/executions?status=COMPLETED&job=bulk_history&before=" + middle,
				"/api/executions?from=2025-02-01&to=2025-02-03", "/api/executions?job=bulk_rare&failed=true&limit=200");
		pages.forEach((page) -> server.get(page, ConsoleServer.VIEWER));
		for (String page : pages) {
			long fastest = Long.MAX_VALUE;
			for (int i = 0; i < 3; i++) {
				long started = System.nanoTime();
				ConsoleServer.Response response = server.get(page, ConsoleServer.VIEWER);
				fastest = Math.min(fastest, Duration.ofNanos(System.nanoTime() - started).toMillis());
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.json().get("items")).isNotEmpty();
			}
			assertThat(fastest).as(page).isLessThan(300);
		}
	}

	@Test
	void pagesSignInByFormAndTheirSessionNeedsTheCsrfTokenToAct() {
		JobExecution failed = execution("csrf_job", BatchStatus.FAILED, LocalDateTime.now());
		ConsoleServer.FormLogin signedIn = server.signInByForm(ConsoleServer.OPERATOR);
		ConsoleServer.Response login = signedIn.login();
		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location")).doesNotContain("error");
		assertThat(login.raw().headers().allValues("Set-Cookie")).anySatisfy(
				(cookie) -> assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Strict"));
		String session = signedIn.session();
		String token = session.replaceAll(".*XSRF-TOKEN=([^;]+).*", "$1");
		HttpRequest.Builder abandon = HttpRequest
			.newBuilder(URI.create(server.baseUrl() + "/api/executions/" + failed.getId() + "/abandon"))
			.header("Cookie", session)
			.POST(HttpRequest.BodyPublishers.noBody());

		ConsoleServer.Response withoutToken = server.send(abandon.build());
		assertThat(withoutToken.status()).isEqualTo(403);
		assertThat(withoutToken.json().get("detail").asString()).contains("CSRF");
		assertThat(server.send(abandon.header("X-XSRF-TOKEN", token).build()).status()).isEqualTo(200);
	}

	// The cookies a response sets, added to those sent before, as a Cookie header.
	private static List<Long> idsOf(String path) {
		List<Long> ids = new ArrayList<>();
		server.get(path, ConsoleServer.VIEWER).json().get("items").forEach((item) -> ids.add(item.get("id").asLong()));
		return ids;
	}

	private static String awaitEnd(long execution) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !repository.getJobExecution(execution).isRunning());
		return repository.getJobExecution(execution).getStatus().name();
	}

	private static void assertBadRequest(ConsoleServer.Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("field").asString()).isEqualTo(field);
		assertThat(response.json().get("reason").asString()).isNotBlank();
	}

	private static void assertConflict(ConsoleServer.Response response, String reason) {
		assertThat(response.status()).as(response.body()).isEqualTo(409);
		assertThat(response.json().get("detail").asString()).contains(reason);
	}

	// An execution of a job this server does not define, in the given final state.
	private static JobExecution execution(String job, BatchStatus status, LocalDateTime start) {
		JobParameters parameters = new JobParametersBuilder().addLong("run", System.nanoTime()).toJobParameters();
		JobInstance instance = repository.createJobInstance(job, parameters);
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(start);
		execution.setStatus(status);
		execution.setExitStatus(new org.springframework.batch.core.ExitStatus(status.name()));
		if (!execution.isRunning()) {
			execution.setEndTime(start.plusMinutes(3));
		}
		repository.update(execution);
		return execution;
	}

	// A minute_1m execution left STARTED by the given process on this host.
	private static JobExecution runningMinute1m(long pid, String symbol) {
		JobParameters parameters = new JobParametersBuilder().addLocalDate("start_date", LocalDate.of(2026, 11, 20))
			.addLocalDate("end_date", LocalDate.of(2026, 11, 20))
			.addString("scope", "symbols:" + symbol)
			.addString("source", "sandbox")
			.toJobParameters();
		JobInstance instance = repository.createJobInstance("minute_1m", parameters);
		ExecutionContext context = new ExecutionContext();
		context.putString("marketbase.owner",
				com.marketbase.batch.support.execution.ExecutionOwner.current().host() + ":" + pid);
		JobExecution execution = repository.createJobExecution(instance, parameters, context);
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.STARTED);
		repository.update(execution);
		repository.updateExecutionContext(execution);
		return execution;
	}

	private static long deadPid() {
		try {
			Process process = new ProcessBuilder("true").start();
			process.waitFor();
			return process.pid();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
