package com.marketbase.batch.warehouse.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.DatabaseUrl;
import org.jspecify.annotations.Nullable;

/**
 * Checks the warehouse connection now: takes a connection of the pool (which waits at
 * most the pool's connection timeout for one), asks the server for its version, the
 * TimescaleDB license and the last schema migration applied, each query within a time
 * limit, and says in one line what answered or why nothing did.
 *
 * @param ok whether the database answered
 * @param millis how long the check took
 * @param message one line for a person, without a password
 * @param flywayVersion the last schema migration applied, or {@code null}
 * @param timescaledbLicense the license, or {@code null} without TimescaleDB
 */
public record ConnectionCheck(boolean ok, long millis, String message, @Nullable String flywayVersion,
		@Nullable String timescaledbLicense) {

	/** How long each query of the check may take. */
	static final Duration QUERY_LIMIT = Duration.ofSeconds(5);

	/**
	 * Runs the check.
	 * @param dataSource the warehouse's pool
	 * @return what the database answered
	 */
	public static ConnectionCheck of(DataSource dataSource) {
		long started = System.nanoTime();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.setQueryTimeout((int) QUERY_LIMIT.toSeconds());
			String server;
			String license;
			try (ResultSet rs = statement.executeQuery(
					"select current_setting('server_version'), current_setting('timescaledb.license', true)")) {
				rs.next();
				server = rs.getString(1);
				license = blankToNull(rs.getString(2));
			}
			String flyway = flywayVersion(statement);
			long millis = elapsed(started);
			String said = "PostgreSQL " + server + " answered in " + millis + " ms"
					+ ((license != null) ? "; TimescaleDB license " + license : "; no TimescaleDB")
					+ ((flyway != null) ? "; schema at migration " + flyway : "; no schema migration recorded");
			return new ConnectionCheck(true, millis, said, flyway, license);
		}
		catch (SQLException | RuntimeException ex) {
			return new ConnectionCheck(false, elapsed(started), "The warehouse did not answer: " + reason(ex), null,
					null);
		}
	}

	// The history table is Flyway's: a database migrated by other means has none.
	private static @Nullable String flywayVersion(Statement statement) {
		try (ResultSet rs = statement.executeQuery("select version from flyway_schema_history where success "
				+ "and version is not null order by installed_rank desc limit 1")) {
			return rs.next() ? rs.getString(1) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

	// The deepest SQL failure says what the server or the network said; the pool's own
	// ("Connection is not available, request timed out") wraps it.
	private static String reason(Exception ex) {
		Throwable told = ex;
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException && cause.getMessage() != null) {
				told = cause;
			}
		}
		String message = (told.getMessage() != null) ? told.getMessage() : told.getClass().getSimpleName();
		String line = message.lines().findFirst().orElse(message).strip();
		// A driver may repeat the URL it was given, password and all.
		return new DatabaseUrl(line).redacted();
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static long elapsed(long started) {
		return Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

}
