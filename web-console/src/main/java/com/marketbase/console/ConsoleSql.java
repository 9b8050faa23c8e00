package com.marketbase.console;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * How the console reads the warehouse: every statement with a time limit, so that no
 * request, however it is put, holds a core and a connection for longer. The driver
 * cancels a statement when its time is up, also after the client that asked has gone, and
 * the server enforces the same limit itself ({@code statement_timeout}) should the cancel
 * not reach it. Where the database lets this user set it (a superuser, or a user granted
 * {@code set} on the parameter), the console's statements also write at most
 * {@link #TEMP_FILE_LIMIT} of temporary files. The settings hold while the console has
 * the connection and are reset before the pool lends it to a load. A connection lent to a
 * {@link WatchedReads watched read} is cancelled as soon as the read's client goes.
 */
public final class ConsoleSql {

	/** The most temporary file space one console statement may take. */
	public static final String TEMP_FILE_LIMIT = "1GB";

	private final DataSource limited;

	private final int timeoutSeconds;

	private volatile Boolean mayLimitTempFiles;

	/**
	 * The console's access to a database.
	 * @param dataSource the database
	 * @param timeout the longest a statement may run; at least a second
	 */
	public ConsoleSql(DataSource dataSource, Duration timeout) {
		this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 1000, timeout.toSeconds()));
		this.limited = new DelegatingDataSource(dataSource) {
			@Override
			public Connection getConnection() throws SQLException {
				return limit(super.getConnection());
			}
		};
	}

	/**
	 * A template whose statements are cancelled at the time limit.
	 * @return the template
	 */
	public JdbcTemplate jdbc() {
		JdbcTemplate jdbc = new JdbcTemplate(this.limited);
		jdbc.setQueryTimeout(this.timeoutSeconds);
		return jdbc;
	}

	/**
	 * A named-parameter template whose statements are cancelled at the time limit.
	 * @return the template
	 */
	public NamedParameterJdbcTemplate named() {
		return new NamedParameterJdbcTemplate(jdbc());
	}

	/**
	 * The time limit of a statement.
	 * @return seconds
	 */
	public int timeoutSeconds() {
		return this.timeoutSeconds;
	}

	private Connection limit(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("set statement_timeout = '" + this.timeoutSeconds + "s'");
			if (mayLimitTempFiles(statement)) {
				statement.execute("set temp_file_limit = '" + TEMP_FILE_LIMIT + "'");
			}
		}
		catch (SQLException ex) {
			// Back to the pool only as the pool lent it.
			reset(connection);
			connection.close();
			throw ex;
		}
		ClientWatch watch = ClientWatch.current();
		if (watch != null) {
			try {
				watch.lent(connection);
			}
			catch (SQLException ex) {
				reset(connection);
				connection.close();
				throw ex;
			}
		}
		return (Connection) Proxy.newProxyInstance(ConsoleSql.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					if (method.getName().equals("close") && watch != null) {
						watch.returned(connection);
					}
					if (method.getName().equals("close") && !connection.isClosed()) {
						reset(connection);
					}
					try {
						return method.invoke(connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	// Only a superuser may set temp_file_limit, or from PostgreSQL 15 on a user granted
	// it ("grant set on parameter temp_file_limit to ..."); asked once.
	private boolean mayLimitTempFiles(Statement statement) throws SQLException {
		Boolean may = this.mayLimitTempFiles;
		if (may == null) {
			try (var result = statement.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
				may = result.next() && result.getBoolean(1);
			}
			if (!may) {
				may = granted(statement);
			}
			this.mayLimitTempFiles = may;
		}
		return may;
	}

	private static boolean granted(Statement statement) {
		// The function is missing before PostgreSQL 15; its absence means no grant.
		try (var result = statement.executeQuery("select has_parameter_privilege('temp_file_limit', 'SET')")) {
			return result.next() && result.getBoolean(1);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private void reset(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("reset statement_timeout");
			if (Boolean.TRUE.equals(this.mayLimitTempFiles)) {
				statement.execute("reset temp_file_limit");
			}
		}
		catch (SQLException ex) {
			// A connection that cannot even reset: make sure the pool does not lend it
			// again.
			try {
				connection.abort(Runnable::run);
			}
			catch (SQLException | SecurityException aborted) {
				// It is gone either way.
			}
		}
	}

}
