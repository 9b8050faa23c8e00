package com.marketbase.batch.probe;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The record of permission probes in {@code market.permission_probes}.
 */
public class Probes {

	// Texts are kept whole enough to read, never without bound.
	private static final int MAX_TEXT = 1000;

	private final JdbcTemplate jdbc;

	public Probes(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Keeps one probe's answer.
	 * @param result the answer
	 */
	public void record(ProbeResult result) {
		this.jdbc.update(
				"insert into market.permission_probes (source, endpoint, request, granted, message, probed_at) "
						+ "values (?, ?, ?, ?, ?, ?)",
				result.source(), result.endpoint(), bounded(result.request()), result.granted(),
				bounded(result.message()), Timestamp.from(result.probedAt()));
	}

	/**
	 * The latest probe of one endpoint.
	 * @param source the source's key
	 * @param endpoint the endpoint
	 * @return the probe, or empty when the endpoint was never probed
	 */
	public Optional<ProbeResult> latest(String source, String endpoint) {
		return this.jdbc
			.query("select source, endpoint, request, granted, message, probed_at from market.permission_probes "
					+ "where source = ? and endpoint = ? order by id desc limit 1", Probes::result, source, endpoint)
			.stream()
			.findFirst();
	}

	/**
	 * The latest probe of every endpoint ever probed, by source and endpoint.
	 * @return the probes
	 */
	public List<ProbeResult> latestOfEach() {
		return this.jdbc.query("""
				select distinct on (source, endpoint) source, endpoint, request, granted, message, probed_at
				from market.permission_probes order by source, endpoint, id desc""", Probes::result);
	}

	private static ProbeResult result(ResultSet rs, int row) throws SQLException {
		return new ProbeResult(rs.getString("source"), rs.getString("endpoint"), rs.getString("request"),
				rs.getBoolean("granted"), rs.getString("message"), rs.getTimestamp("probed_at").toInstant());
	}

	private static String bounded(String text) {
		return (text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT) + "…";
	}

}
