package com.marketbase.batch.job.minute1m;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The state of one source's realtime minute quota ({@code rt_min_daily}, a few calls an
 * hour on low tiers), kept in {@code market.realtime_sources} as the quote snapshots keep
 * theirs: a refusal marks it stale until the window it states has passed, and no intraday
 * run calls it before then. Shared by the partitions of every intraday run of the
 * process, so one refusal stops them all.
 */
final class RealtimeMinuteQuota {

	static final String API = "rt_min_daily";

	// A success is written at most this often: a run's calls all succeed alike.
	private static final Duration SUCCESS_WRITES = Duration.ofMinutes(1);

	private final String endpoint;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private volatile @Nullable Instant refusedUntil;

	private volatile @Nullable Instant successWritten;

	RealtimeMinuteQuota(String source, DataSource dataSource, Clock clock) {
		this.endpoint = source + ":" + API;
		this.jdbc = new JdbcTemplate(dataSource);
		this.clock = clock;
		this.refusedUntil = this.jdbc
			.queryForList("select next_retry_at from market.realtime_sources where endpoint = ? and stale",
					Timestamp.class, this.endpoint)
			.stream()
			.filter(java.util.Objects::nonNull)
			.map(Timestamp::toInstant)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Whether a call may be made now.
	 * @return false until a refusal's window has passed
	 */
	boolean open() {
		Instant until = this.refusedUntil;
		return until == null || !now().isBefore(until);
	}

	/**
	 * The time the quota was refused until, while it still is.
	 * @return the time, or {@code null} when open
	 */
	@Nullable Instant refusedUntil() {
		return open() ? null : this.refusedUntil;
	}

	/**
	 * Marks the quota stale until its window has passed.
	 * @param window the window the refusal stated
	 * @param message the refusal
	 */
	synchronized void refused(Duration window, String message) {
		Instant now = now();
		Instant next = now.plus(window);
		Instant until = this.refusedUntil;
		this.refusedUntil = (until != null && until.isAfter(next)) ? until : next;
		this.successWritten = null;
		this.jdbc.update("""
				insert into market.realtime_sources (endpoint, last_success_at, last_attempt_at, next_retry_at,
					stale, last_error) values (?, null, ?, ?, true, ?)
				on conflict (endpoint) do update set last_attempt_at = excluded.last_attempt_at,
					next_retry_at = excluded.next_retry_at, stale = true, last_error = excluded.last_error
				""", this.endpoint, Timestamp.from(now), Timestamp.from(this.refusedUntil), message);
	}

	/** Records an answered call: the endpoint is fresh again. */
	void answered() {
		Instant now = now();
		Instant written = this.successWritten;
		if (written != null && now.isBefore(written.plus(SUCCESS_WRITES))) {
			return;
		}
		this.successWritten = now;
		this.jdbc.update("""
				insert into market.realtime_sources (endpoint, last_success_at, last_attempt_at, next_retry_at, stale,
					last_error) values (?, ?, ?, null, false, null)
				on conflict (endpoint) do update set last_success_at = excluded.last_success_at,
					last_attempt_at = excluded.last_attempt_at, next_retry_at = null, stale = false, last_error = null
				""", this.endpoint, Timestamp.from(now), Timestamp.from(now));
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
	}

}
