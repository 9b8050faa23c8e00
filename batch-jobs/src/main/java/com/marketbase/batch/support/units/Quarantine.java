package com.marketbase.batch.support.units;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The quarantined units of {@code market.failed_work_units}: those that failed
 * {@code quarantine-after} times for reasons of their own, which no run offers again
 * until a person releases them. A release resolves the failure, so that the next run
 * loads the unit (a new failure starts a new record), and keeps who released it, when and
 * why.
 */
public final class Quarantine {

	/** The most units one listing shows. */
	public static final int SHOWN = 500;

	private final JdbcTemplate jdbc;

	public Quarantine(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * The units that wait for a person, oldest failure first.
	 * @param dataset one dataset, or {@code null} for all
	 * @return at most {@link #SHOWN} units
	 */
	public List<Unit> list(@Nullable String dataset) {
		return this.jdbc.query("""
				select id, dataset, unit_key, source, retry_count + 1, first_failed_at, last_failed_at, quarantined_at,
					last_error
				from market.failed_work_units
				where quarantined_at is not null and resolved_at is null and (cast(? as text) is null or dataset = ?)
				order by first_failed_at, id limit ?
				""",
				(rs, row) -> new Unit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
						rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
						rs.getObject(8, OffsetDateTime.class), rs.getString(9)),
				dataset, dataset, SHOWN);
	}

	/**
	 * How many units wait for a person.
	 * @param dataset one dataset, or {@code null} for all
	 * @return the count
	 */
	public long count(@Nullable String dataset) {
		Long count = this.jdbc.queryForObject("select count(*) from market.failed_work_units "
				+ "where quarantined_at is not null and resolved_at is null and (cast(? as text) is null or dataset = ?)",
				Long.class, dataset, dataset);
		return (count != null) ? count : 0;
	}

	/**
	 * Releases one unit.
	 * @param id its id, as {@link #list} shows it
	 * @param by who releases it
	 * @param reason why
	 * @return the released unit
	 * @throws IllegalArgumentException when no quarantined unit has the id
	 */
	public Unit release(long id, String by, String reason) {
		List<Unit> released = this.jdbc.query("""
				update market.failed_work_units set resolved_at = now(), released_by = ?, release_reason = ?
				where id = ? and quarantined_at is not null and resolved_at is null
				returning id, dataset, unit_key, source, retry_count + 1, first_failed_at, last_failed_at,
					quarantined_at, last_error
				""",
				(rs, row) -> new Unit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
						rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
						rs.getObject(8, OffsetDateTime.class), rs.getString(9)),
				required(by, "who"), required(reason, "the reason"), id);
		if (released.isEmpty()) {
			throw new IllegalArgumentException(
					"No quarantined unit has id " + id + "; 'quarantine list' shows the ones there are.");
		}
		return released.get(0);
	}

	/**
	 * Releases every quarantined unit of a dataset.
	 * @param dataset the dataset
	 * @param by who releases them
	 * @param reason why
	 * @return how many were released
	 */
	public int releaseAll(String dataset, String by, String reason) {
		return this.jdbc.update("""
				update market.failed_work_units set resolved_at = now(), released_by = ?, release_reason = ?
				where dataset = ? and quarantined_at is not null and resolved_at is null
				""", required(by, "who"), required(reason, "the reason"), dataset);
	}

	/**
	 * The releases people made, newest first.
	 * @param limit how many
	 * @return the releases
	 */
	public List<Release> releases(int limit) {
		List<Release> releases = new ArrayList<>();
		this.jdbc.query("""
				select id, dataset, unit_key, released_by, resolved_at, release_reason from market.failed_work_units
				where released_by is not null order by resolved_at desc, id desc limit ?
				""", (rs) -> {
			releases.add(new Release(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class), rs.getString(6)));
		}, Math.max(1, Math.min(limit, SHOWN)));
		return releases;
	}

	private static String required(String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("A release needs " + what + "; it is kept with the release.");
		}
		return value.strip();
	}

	/**
	 * A quarantined unit.
	 *
	 * @param id its id
	 * @param dataset its dataset
	 * @param unit the unit, for example {@code 600000.SH/2026-11-20}
	 * @param source the source that failed it last
	 * @param attempts the attempts that failed
	 * @param firstFailedAt the first failure
	 * @param lastFailedAt the last failure
	 * @param quarantinedAt when it was quarantined
	 * @param lastError the last error
	 */
	public record Unit(long id, String dataset, String unit, String source, int attempts, OffsetDateTime firstFailedAt,
			OffsetDateTime lastFailedAt, OffsetDateTime quarantinedAt, String lastError) {
	}

	/**
	 * A release a person made.
	 *
	 * @param id the unit's id
	 * @param dataset its dataset
	 * @param unit the unit
	 * @param by who released it
	 * @param at when
	 * @param reason why
	 */
	public record Release(long id, String dataset, String unit, String by, OffsetDateTime at, String reason) {
	}

}
