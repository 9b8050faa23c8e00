package com.marketbase.console.system;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marketbase.console.ConsoleSql;
import com.marketbase.console.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The phase gate and the recent runs of the nightly chain, for the system page.
 */
@RestController
@Tag(name = "Gate", description = "Consecutive clean trading days per batch, and the nightly chain")
class GateController {

	private static final int MAX_CHAINS = 50;

	private final ObjectProvider<GateFacts> facts;

	private final JdbcTemplate jdbc;

	GateController(ObjectProvider<GateFacts> facts, ConsoleSql sql) {
		this.facts = facts;
		this.jdbc = sql.jdbc();
	}

	@GetMapping("/api/gate")
	@Operation(summary = "Per batch and dataset, the consecutive clean trading days up to a day (today by default)")
	GateFacts.Gate gate(@RequestParam(defaultValue = "3") String days, @RequestParam(required = false) String asOf) {
		GateFacts known = this.facts.getIfAvailable();
		if (known == null) {
			throw new InvalidInputException("days", "This application judges no gate.");
		}
		int required;
		try {
			required = Integer.parseInt(days);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("days", "days is a whole number from 1 to 60.");
		}
		LocalDate day = null;
		if (asOf != null && !asOf.isBlank()) {
			try {
				day = LocalDate.parse(asOf);
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException("asOf", "asOf is a day as YYYY-MM-DD.");
			}
		}
		try {
			return known.gate(required, day);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(
					(ex.getMessage() != null && ex.getMessage().startsWith("days")) ? "days" : "asOf",
					String.valueOf(ex.getMessage()));
		}
	}

	@GetMapping("/api/chains")
	@Operation(summary = "The recent runs of the nightly chain, newest first, with each module's outcome")
	List<ChainRun> chains(@RequestParam(defaultValue = "10") String limit) {
		int count;
		try {
			count = Integer.parseInt(limit);
		}
		catch (NumberFormatException ex) {
			count = -1;
		}
		if (count < 1 || count > MAX_CHAINS) {
			throw new InvalidInputException("limit", "limit is a whole number from 1 to " + MAX_CHAINS + ".");
		}
		Map<Long, ChainRun> runs = new LinkedHashMap<>();
		this.jdbc.query("select id, trade_date, launched_by, started_at, finished_at from market.chain_runs "
				+ "order by id desc limit ?", (rs) -> {
					long id = rs.getLong("id");
					runs.put(id,
							new ChainRun(id, rs.getObject("trade_date", LocalDate.class), rs.getString("launched_by"),
									rs.getObject("started_at", OffsetDateTime.class),
									rs.getObject("finished_at", OffsetDateTime.class), new ArrayList<>()));
				}, count);
		if (!runs.isEmpty()) {
			this.jdbc
				.query("select chain_run_id, job_name, outcome, job_execution_id, reason from market.chain_modules "
						+ "where chain_run_id between ? and ? order by chain_run_id, position", (rs) -> {
							ChainRun run = runs.get(rs.getLong("chain_run_id"));
							if (run != null) {
								run.modules()
									.add(new ChainModule(rs.getString("job_name"), rs.getString("outcome"),
											rs.getObject("job_execution_id", Long.class), rs.getString("reason")));
							}
						}, runs.keySet().stream().mapToLong(Long::longValue).min().orElse(0),
						runs.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
		}
		return List.copyOf(runs.values());
	}

	/**
	 * One run of the chain.
	 *
	 * @param id the run
	 * @param tradeDate the day it was for, if it named one
	 * @param launchedBy {@code cli} or {@code schedule}
	 * @param startedAt when it started
	 * @param finishedAt when it ended, or {@code null} while it runs
	 * @param modules each module's outcome, in order
	 */
	record ChainRun(long id, @Nullable LocalDate tradeDate, String launchedBy, OffsetDateTime startedAt,
			@Nullable OffsetDateTime finishedAt, List<ChainModule> modules) {
	}

	/**
	 * One module of a chain run.
	 *
	 * @param job the module's job
	 * @param outcome {@code completed}, {@code failed} or {@code skipped}
	 * @param executionId its execution, if one ran
	 * @param reason one line
	 */
	record ChainModule(String job, String outcome, @Nullable Long executionId, String reason) {
	}

}
