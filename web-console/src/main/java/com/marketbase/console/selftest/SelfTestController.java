package com.marketbase.console.selftest;

import java.time.OffsetDateTime;
import java.util.List;

import com.marketbase.console.ConsoleSql;
import com.marketbase.console.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The self-test runs, newest first, and one run with every endpoint's answer.
 */
@RestController
@Tag(name = "Self-test", description = "Source self-tests")
class SelfTestController {

	static final int MAX_RUNS = 100;

	private final JdbcTemplate jdbc;

	SelfTestController(ConsoleSql sql) {
		this.jdbc = sql.jdbc();
	}

	@GetMapping("/api/selftest")
	@Operation(summary = "The newest self-test runs (at most 100): sources, checks and failures")
	List<Run> runs(@RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > MAX_RUNS) {
			throw new InvalidInputException("limit", "limit is between 1 and " + MAX_RUNS + ", not " + limit + ".");
		}
		return this.jdbc.query(
				"select id, started_at, finished_at, sources, checks, failed from market.selftest_runs "
						+ "order by id desc limit ?",
				(rs, row) -> new Run(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
						rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getInt(5), rs.getInt(6), null),
				limit);
	}

	@GetMapping("/api/selftest/{id}")
	@Operation(summary = "One self-test run with every endpoint's status, latency, rows, error class and message; "
			+ "download=true as an attachment")
	ResponseEntity<Run> run(@PathVariable long id, @RequestParam(defaultValue = "false") boolean download) {
		List<Run> found = this.jdbc
			.query("select id, started_at, finished_at, sources, checks, failed from market.selftest_runs where id = ?",
					(rs, row) -> new Run(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
							rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getInt(5), rs.getInt(6), null),
					id);
		if (found.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No self-test run " + id + ".");
		}
		Run head = found.get(0);
		Run run = new Run(head.id(), head.startedAt(), head.finishedAt(), head.sources(), head.checks(), head.failed(),
				results(id));
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		if (download) {
			answer.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"selftest-" + id + ".json\"");
		}
		return answer.body(run);
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
	 * @param results every endpoint's answer, in a run's own view only
	 */
	record Run(long id, OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt, String sources, int checks,
			int failed, @Nullable List<Result> results) {
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
