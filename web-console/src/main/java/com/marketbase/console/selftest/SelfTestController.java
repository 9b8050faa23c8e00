package com.marketbase.console.selftest;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalLong;

import com.marketbase.console.ConsoleSql;
import com.marketbase.console.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The self-test runs, newest first, and one run with every endpoint's answer; the
 * schedule (read by a VIEWER, set by an OPERATOR) and a run started now (OPERATOR).
 */
@RestController
@Tag(name = "Self-test", description = "Source self-tests")
class SelfTestController {

	private static final Logger logger = LoggerFactory.getLogger(SelfTestController.class);

	static final int MAX_RUNS = 100;

	private static final String RUN_COLUMNS = "id, started_at, finished_at, sources, checks, failed, triggered_by, "
			+ "notified, notify_error";

	private final JdbcTemplate jdbc;

	private final ObjectProvider<SelfTestFacts> facts;

	SelfTestController(ConsoleSql sql, ObjectProvider<SelfTestFacts> facts) {
		this.jdbc = sql.jdbc();
		this.facts = facts;
	}

	@GetMapping("/api/selftest/schedule")
	@Operation(summary = "How often the server runs the self-test on its own, who set it, and the next run")
	SelfTestFacts.Schedule schedule() {
		return facts().schedule();
	}

	@RequestMapping(path = "/api/selftest/schedule", method = { RequestMethod.PUT, RequestMethod.POST })
	@Operation(summary = "Set the schedule ({\"every\": \"off|5m|10m|15m|30m|hourly|daily\"}, OPERATOR); "
			+ "the pending run is cancelled at once")
	SelfTestFacts.Schedule schedule(@RequestBody ScheduleRequest request, Principal user) {
		try {
			SelfTestFacts.Schedule schedule = facts().schedule((request.every() != null) ? request.every() : "",
					user.getName());
			logger.info("{} set the self-test schedule to {}", user.getName(), schedule.every());
			return schedule;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("every", ex.getMessage());
		}
	}

	@PostMapping("/api/selftest/run")
	@Operation(summary = "Start a self-test of every configured source now (OPERATOR); 202 with the run's id, "
			+ "409 while one is under way")
	ResponseEntity<Started> runNow(Principal user) {
		OptionalLong id;
		try {
			id = facts().runNow(user.getName());
		}
		catch (IllegalStateException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		}
		if (id.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"A self-test is under way; its results show when it ends.");
		}
		logger.info("{} started self-test {}", user.getName(), id.getAsLong());
		return ResponseEntity.accepted().body(new Started(id.getAsLong()));
	}

	private SelfTestFacts facts() {
		SelfTestFacts known = this.facts.getIfAvailable();
		if (known == null) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "This server runs no self-test.");
		}
		return known;
	}

	@GetMapping("/api/selftest")
	@Operation(summary = "The newest self-test runs (at most 100): sources, checks and failures")
	List<Run> runs(@RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > MAX_RUNS) {
			throw new InvalidInputException("limit", "limit is between 1 and " + MAX_RUNS + ", not " + limit + ".");
		}
		return this.jdbc.query("select " + RUN_COLUMNS + " from market.selftest_runs order by id desc limit ?",
				(rs, row) -> run(rs, null), limit);
	}

	@GetMapping("/api/selftest/{id}")
	@Operation(summary = "One self-test run with every endpoint's status, latency, rows, error class and message; "
			+ "download=true as an attachment")
	ResponseEntity<Run> run(@PathVariable long id, @RequestParam(defaultValue = "false") boolean download) {
		List<Run> found = this.jdbc.query("select " + RUN_COLUMNS + " from market.selftest_runs where id = ?",
				(rs, row) -> run(rs, results(id)), id);
		if (found.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No self-test run " + id + ".");
		}
		Run run = found.get(0);
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		if (download) {
			answer.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"selftest-" + id + ".json\"");
		}
		return answer.body(run);
	}

	private static Run run(ResultSet rs, @Nullable List<Result> results) throws SQLException {
		return new Run(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
				rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getString(7), (Boolean) rs.getObject(8),
				rs.getString(9), results);
	}

	private List<Result> results(long runId) {
		return this.jdbc.query("""
				select source, endpoint, request, status, latency_ms, sample_size, error_class, message
				from market.selftest_results where run_id = ? order by source, status = 'ok', endpoint""",
				(rs, row) -> new Result(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getLong(5), (Integer) rs.getObject(6), rs.getString(7), rs.getString(8)),
				runId);
	}

	/**
	 * A self-test run.
	 *
	 * @param id its id
	 * @param startedAt when it started
	 * @param finishedAt when it finished, {@code null} while it runs
	 * @param sources the sources asked
	 * @param checks how many endpoints answered or failed
	 * @param failed how many failed
	 * @param trigger what started it: {@code cli}, {@code console} or {@code schedule}
	 * @param notified whether the webhook took its summary, {@code null} when it was not
	 * to be told
	 * @param notifyError why the webhook was not told
	 * @param results every endpoint's answer, in a run's own view only
	 */
	record Run(long id, OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt, String sources, int checks,
			int failed, String trigger, @Nullable Boolean notified, @Nullable String notifyError,
			@Nullable List<Result> results) {
	}

	/**
	 * A new schedule.
	 *
	 * @param every {@code off}, {@code 5m}, {@code 10m}, {@code 15m}, {@code 30m},
	 * {@code hourly} or {@code daily}
	 */
	record ScheduleRequest(@Nullable String every) {
	}

	/**
	 * A run started.
	 *
	 * @param run its id
	 */
	record Started(long run) {
	}

	/**
	 * One endpoint's answer.
	 *
	 * @param source the source
	 * @param endpoint the endpoint
	 * @param request what was sent, without credentials
	 * @param status {@code ok}, {@code slow} or {@code failed}
	 * @param latencyMillis how long it took
	 * @param sampleSize the rows it held
	 * @param errorClass the class of its failure
	 * @param message what the source said
	 */
	record Result(String source, String endpoint, String request, String status, long latencyMillis,
			@Nullable Integer sampleSize, @Nullable String errorClass, String message) {
	}

}
