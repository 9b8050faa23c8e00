package com.marketbase.console.system;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The warehouse database as the application that owns its connection sees it. Nothing
 * returned here may carry a password.
 */
public interface DatabaseFacts {

	/**
	 * The connection and what every table takes.
	 * @return the database
	 */
	Database database();

	/**
	 * Checks the connection now, with a connection of the pool.
	 * @return what the database answered, or why it did not
	 */
	Check check();

	/**
	 * The warehouse database.
	 *
	 * @param url its JDBC URL, the password replaced by {@code ****}
	 * @param mode the warehouse mode, for example {@code TimescaleDB Apache}
	 * @param server the server's version, for example {@code PostgreSQL 17.6}
	 * @param tables every table of schema {@code market}, largest first
	 */
	record Database(String url, String mode, String server, List<Table> tables) {
	}

	/**
	 * A table and the room it takes.
	 *
	 * @param name the table, or the continuous aggregate's view
	 * @param kind {@code hypertable}, {@code continuous aggregate} or {@code table}
	 * @param rows counted, or estimated for large tables
	 * @param rowsEstimated whether {@code rows} is the planner's estimate
	 * @param bytes on disk, with indexes
	 * @param compressedBytes what its compressed chunks take, or {@code null}
	 * @param compressionRatio how many times smaller they became, or {@code null}
	 */
	record Table(String name, String kind, long rows, boolean rowsEstimated, long bytes, @Nullable Long compressedBytes,
			@Nullable Double compressionRatio) {
	}

	/**
	 * A connection check.
	 *
	 * @param ok whether the database answered
	 * @param millis how long the check took
	 * @param message one line: what answered, or why nothing did
	 * @param flywayVersion the last schema migration applied, or {@code null}
	 * @param timescaledbLicense {@code apache}, {@code timescale}, or {@code null}
	 * without TimescaleDB
	 */
	record Check(boolean ok, long millis, String message, @Nullable String flywayVersion,
			@Nullable String timescaledbLicense) {
	}

}
