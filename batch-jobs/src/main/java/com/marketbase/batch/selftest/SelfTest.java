package com.marketbase.batch.selftest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import com.marketbase.batch.probe.PermissionProbe;
import com.marketbase.batch.source.RateLimitedException;
import com.marketbase.batch.source.SourceException;
import com.marketbase.batch.source.SourceName;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Runs the source self-test: asks every endpoint of the chosen sources the permission
 * probe's smallest question, times it, classes a failure from what the client saw, and
 * keeps each answer with the run. A source that takes no connection at all gives one
 * failed check for the source; an endpoint that fails never keeps the others from being
 * asked. A run with failed checks tells the webhook, if one is set; the webhook failing
 * is kept with the run and never fails it.
 */
public final class SelfTest {

	private static final int MAX_MESSAGE = 500;

	private final PermissionProbe probe;

	private final JdbcTemplate jdbc;

	private final Duration slowAfter;

	private final @Nullable SelfTestWebhook webhook;

	/** A run from the command line. */
	public static final String CLI = "cli";

	/** A run an operator started in the console. */
	public static final String CONSOLE = "console";

	/** A run the server's schedule started. */
	public static final String SCHEDULE = "schedule";

	public SelfTest(PermissionProbe probe, DataSource dataSource, Duration slowAfter,
			@Nullable SelfTestWebhook webhook) {
		this.probe = probe;
		this.jdbc = new JdbcTemplate(dataSource);
		this.slowAfter = slowAfter;
		this.webhook = webhook;
	}

	/**
	 * The sources a self-test without a name asks: every configured one.
	 * @return the sources
	 */
	public List<SourceName> configured() {
		return this.probe.configured();
	}

	/**
	 * Runs the self-test of some sources from the command line and stores it.
	 * @param sources the sources
	 * @param each told of each answer as it comes
	 * @return the run
	 */
	public SelfTestRun run(List<SourceName> sources, Consumer<SelfTestResult> each) {
		return run(sources, CLI, (id) -> {
		}, each);
	}

	/**
	 * Runs the self-test of some sources and stores it; when checks failed and a webhook
	 * is set, tells it, and keeps whether it was told.
	 * @param sources the sources
	 * @param trigger what starts it: {@value #CLI}, {@value #CONSOLE} or
	 * {@value #SCHEDULE}
	 * @param started told the run's id once it is stored, before the first question
	 * @param each told of each answer as it comes
	 * @return the run
	 */
	public SelfTestRun run(List<SourceName> sources, String trigger, LongConsumer started,
			Consumer<SelfTestResult> each) {
		if (!List.of(CLI, CONSOLE, SCHEDULE).contains(trigger)) {
			throw new IllegalArgumentException("A self-test is started by cli, console or schedule, not " + trigger);
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		String names = String.join(",", sources.stream().map(SourceName::key).toList());
		this.jdbc.update((connection) -> {
			var statement = connection.prepareStatement(
					"insert into market.selftest_runs (sources, triggered_by) values (?, ?)",
					new String[] { "id", "started_at" });
			statement.setString(1, names);
			statement.setString(2, trigger);
			return statement;
		}, key);
		long runId = ((Number) key.getKeys().get("id")).longValue();
		Instant startedAt = ((Timestamp) key.getKeys().get("started_at")).toInstant();
		started.accept(runId);
		List<SelfTestResult> results = new ArrayList<>();
		Instant finishedAt;
		try {
			ask(runId, sources.stream().distinct().toList(), results, each);
		}
		finally {
			// A run cut short is closed with what it asked.
			int failed = (int) results.stream().filter(SelfTestResult::failed).count();
			finishedAt = this.jdbc
				.queryForObject(
						"update market.selftest_runs set finished_at = now(), checks = ?, failed = ? where id = ? "
								+ "returning finished_at",
						Timestamp.class, results.size(), failed, runId)
				.toInstant();
		}
		SelfTestRun run = new SelfTestRun(runId, trigger, names, startedAt, finishedAt, results);
		if (run.failed() > 0 && this.webhook != null) {
			String error = this.webhook.notify(run);
			this.jdbc.update("update market.selftest_runs set notified = ?, notify_error = ? where id = ?",
					error == null, error, runId);
		}
		return run;
	}

	private void ask(long runId, List<SourceName> sources, List<SelfTestResult> results,
			Consumer<SelfTestResult> each) {
		for (SourceName source : sources) {
			List<PermissionProbe.Question> questions;
			long started = System.nanoTime();
			try {
				questions = this.probe.questions(source);
			}
			catch (RuntimeException ex) {
				String kind = (ex instanceof IllegalArgumentException) ? "not configured" : errorClass(ex);
				record(runId, new SelfTestResult(source.key(), "(connection)", "", "failed", millis(started), null,
						kind, oneLine(ex.getMessage())), results, each);
				continue;
			}
			for (PermissionProbe.Question question : questions) {
				record(runId, ask(source, question), results, each);
			}
		}
	}

	private SelfTestResult ask(SourceName source, PermissionProbe.Question question) {
		long started = System.nanoTime();
		try {
			int rows = question.call().getAsInt();
			long took = millis(started);
			boolean slow = took >= this.slowAfter.toMillis();
			return new SelfTestResult(source.key(), question.endpoint(), question.request(), slow ? "slow" : "ok", took,
					rows, null, rows + ((rows == 1) ? " row" : " rows")
							+ (slow ? ", slower than " + this.slowAfter.toMillis() + " ms" : ""));
		}
		catch (RuntimeException ex) {
			return new SelfTestResult(source.key(), question.endpoint(), question.request(), "failed", millis(started),
					null, errorClass(ex), oneLine(ex.getMessage()));
		}
	}

	private void record(long runId, SelfTestResult result, List<SelfTestResult> results,
			Consumer<SelfTestResult> each) {
		this.jdbc.update("""
				insert into market.selftest_results (run_id, source, endpoint, request, status, latency_ms, sample_size,
					error_class, message) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", runId, result.source(),
				result.endpoint(), result.request(), result.status(), result.latencyMillis(), result.sampleSize(),
				result.errorClass(), result.message());
		results.add(result);
		each.accept(result);
	}

	/**
	 * The class of a failure, from what the client saw: the connectors turn every way a
	 * call can fail into one of four kinds with the cause in words.
	 * @param ex the failure
	 * @return the class
	 */
	static String errorClass(RuntimeException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage().toLowerCase(Locale.ROOT) : "";
		if (ex instanceof RateLimitedException) {
			return "rate limited";
		}
		if (message.contains("html page")) {
			return "html answer";
		}
		// A host that takes no connection, whether it refuses or times out.
		if (message.contains("cannot be reached") || message.contains("connectexception")
				|| message.contains("connection refused") || message.contains("unknownhost")
				|| message.contains("connection reset") || message.contains("no route to host")) {
			return "unreachable";
		}
		if (message.contains("timeout") || message.contains("timed out") || message.contains("not complete within")) {
			return "timeout";
		}
		if (message.matches("(?s).*\\bhttp (status )?[45]\\d\\d\\b.*")) {
			return "http error";
		}
		if (ex instanceof SourceException source) {
			return switch (source.kind()) {
				case PERMANENT -> (message.contains("permission") || message.contains("权限")) ? "permission" : "refused";
				case BAD_DATA -> "bad data";
				case RATE_LIMITED -> "rate limited";
				case TRANSIENT -> "unreadable answer";
			};
		}
		return "unreadable answer";
	}

	private static long millis(long started) {
		return Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

	// Cut: a source's own text can run long.
	private static String oneLine(@Nullable String text) {
		String line = (text == null) ? "" : text.strip().lines().findFirst().orElse("").strip();
		return (line.length() <= MAX_MESSAGE) ? line : line.substring(0, MAX_MESSAGE) + "...";
	}

}
