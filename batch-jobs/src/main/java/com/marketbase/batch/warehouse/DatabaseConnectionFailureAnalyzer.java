package com.marketbase.batch.warehouse;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns a failure to reach the warehouse database at start-up, or to start the embedded
 * one, into one message that names the URL (password hidden) or the data directory and
 * the cause, instead of a stack trace.
 */
class DatabaseConnectionFailureAnalyzer implements FailureAnalyzer, Ordered {

	// Ahead of the last-resort StartupFailureAnalyzer.
	@Override
	public int getOrder() {
		return 0;
	}

	private final Environment environment;

	DatabaseConnectionFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof EmbeddedWarehouseException embedded) {
				return new FailureAnalysis(embedded.getMessage(), embedded.action(), failure);
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		Throwable cause = connectionFailure(failure);
		if (cause == null) {
			return null;
		}
		String url = this.environment.getProperty("spring.datasource.url", "");
		String where = url.isEmpty() ? "the embedded warehouse database"
				: "the warehouse database at " + new DatabaseUrl(url).redacted();
		return new FailureAnalysis("Cannot connect to " + where + ": " + firstLine(cause.getMessage()),
				"Check that the database is running and that spring.datasource.url, spring.datasource.username "
						+ "and spring.datasource.password are right. For a local TimescaleDB run 'ops/local-db.sh start'.",
				failure);
	}

	private static @Nullable Throwable connectionFailure(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
				return candidate;
			}
			if (candidate instanceof ConnectException || candidate instanceof UnknownHostException) {
				return candidate;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

	// 08: connection exception, 28: invalid authorization, 3D000: unknown database.
	private static boolean isConnectionState(@Nullable String state) {
		return state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"));
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "no reason given";
		}
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline).strip() : message.strip();
	}

}
