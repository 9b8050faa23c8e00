package com.marketbase.console;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.postgresql.PGConnection;

/**
 * The database connections one console read holds, so that they can be told to stop when
 * the client that asked has gone. {@link ConsoleSql} lends its connections through the
 * watch of the thread that asks; a cancelled watch cancels the statement each of them is
 * running and lends no more.
 */
public final class ClientWatch {

	private static final ThreadLocal<ClientWatch> CURRENT = new ThreadLocal<>();

	private final Set<Connection> lent = ConcurrentHashMap.newKeySet();

	private volatile boolean cancelled;

	/**
	 * The watch of the read running on this thread.
	 * @return the watch, or {@code null} when this thread runs no watched read
	 */
	static ClientWatch current() {
		return CURRENT.get();
	}

	/**
	 * Runs a read under this watch.
	 * @param <T> what the read gives
	 * @param read the read
	 * @return what it gave
	 */
	<T> T run(Supplier<T> read) {
		CURRENT.set(this);
		try {
			return read.get();
		}
		finally {
			CURRENT.remove();
		}
	}

	void lent(Connection connection) throws SQLException {
		this.lent.add(connection);
		// Checked after the add: a cancel that came before it found nothing running on
		// this one (PostgreSQL drops a cancel for an idle connection), so it is refused.
		if (this.cancelled) {
			this.lent.remove(connection);
			throw new SQLException("The client that asked for this has gone.", "57014");
		}
	}

	void returned(Connection connection) {
		this.lent.remove(connection);
	}

	/** Cancels what the read's connections run now, and any statement it starts later. */
	void cancel() {
		this.cancelled = true;
		for (Connection connection : this.lent) {
			cancel(connection);
		}
	}

	boolean cancelled() {
		return this.cancelled;
	}

	private static void cancel(Connection connection) {
		try {
			// The driver sends the cancel over a connection of its own, so this is safe
			// while another thread waits for the statement's answer.
			connection.unwrap(PGConnection.class).cancelQuery();
		}
		catch (SQLException ex) {
			// Nothing runs on it, or it is gone; the statement timeout stays the bound.
		}
	}

}
