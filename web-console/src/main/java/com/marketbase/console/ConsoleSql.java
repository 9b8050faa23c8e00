package com.marketbase.console;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * How the console reads the warehouse: every statement with a time limit, so that no
 * request, however it is put, holds a core and a connection for longer. The driver
 * cancels a statement on the server when its time is up, also after the client that asked
 * has gone.
 */
public final class ConsoleSql {

	private final DataSource dataSource;

	private final int timeoutSeconds;

	/**
	 * The console's access to a database.
	 * @param dataSource the database
	 * @param timeout the longest a statement may run; at least a second
	 */
	public ConsoleSql(DataSource dataSource, Duration timeout) {
		this.dataSource = dataSource;
		this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
	}

	/**
	 * A template whose statements are cancelled at the time limit.
	 * @return the template
	 */
	public JdbcTemplate jdbc() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
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

}
