package com.marketbase.batch.funds;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import com.marketbase.batch.source.Units;

/**
 * When estimates move: the A-share sessions (09:30 to 11:30 and 13:00 to 15:00, Beijing
 * time) of the SSE calendar's open days. Refreshes are planned inside them only, and the
 * close of each session gets one, so that a day's last estimate is made at 15:00.
 */
final class TradingHours {

	static final ZoneId BEIJING = Units.BEIJING;

	private static final LocalTime[][] SESSIONS = { { LocalTime.of(9, 30), LocalTime.of(11, 30) },
			{ LocalTime.of(13, 0), LocalTime.of(15, 0) } };

	/** How far ahead an open day is looked for: the longest holiday is about ten days. */
	private static final int HORIZON_DAYS = 30;

	private final JdbcTemplate jdbc;

	private final Map<LocalDate, Boolean> open = new ConcurrentHashMap<>();

	TradingHours(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Whether a day is an open day of the SSE calendar; a day the warehouse does not know
	 * counts as open on weekdays, so that a warehouse without the calendar still
	 * refreshes.
	 * @param day the day
	 * @return true when open
	 */
	boolean isOpen(LocalDate day) {
		Boolean known = this.open.get(day);
		if (known != null) {
			return known;
		}
		List<Boolean> stored = this.jdbc.queryForList(
				"select is_open from market.trading_calendar where exchange = 'SSE' and cal_date = ?", Boolean.class,
				day);
		if (stored.isEmpty()) {
			// A guess is not kept: the calendar may be loaded later.
			return day.getDayOfWeek().getValue() <= 5;
		}
		this.open.put(day, stored.get(0));
		return stored.get(0);
	}

	/**
	 * When a fund refreshed now is next due: after its interval, or at the close of the
	 * session the interval would pass, or at the next session's start.
	 * @param now now
	 * @param every the tier's interval
	 * @return the next run
	 */
	Instant nextRun(Instant now, Duration every) {
		Instant candidate = now.plus(every);
		for (Instant[] session : sessionsFrom(now)) {
			if (now.isBefore(session[0])) {
				return session[0];
			}
			return candidate.isAfter(session[1]) ? session[1] : candidate;
		}
		return candidate;
	}

	/**
	 * The latest moment estimates moved: now within a session, else the last session's
	 * close.
	 * @param now now
	 * @return the moment an estimate would be of at best
	 */
	Instant lastMoving(Instant now) {
		LocalDate day = now.atZone(BEIJING).toLocalDate();
		for (int back = 0; back < HORIZON_DAYS; back++, day = day.minusDays(1)) {
			if (!isOpen(day)) {
				continue;
			}
			for (int s = SESSIONS.length - 1; s >= 0; s--) {
				Instant start = at(day, SESSIONS[s][0]);
				Instant end = at(day, SESSIONS[s][1]);
				if (!now.isBefore(end)) {
					return end;
				}
				if (!now.isBefore(start)) {
					return now;
				}
			}
		}
		return now;
	}

	/**
	 * How much trading time lies between two moments: the sessions' overlap with them, so
	 * that the lunch break and the night count for nothing.
	 * @param from the earlier moment
	 * @param to the later moment
	 * @param enough a duration past which counting stops
	 * @return the trading time, at most a little over {@code enough}
	 */
	Duration tradingTime(Instant from, Instant to, Duration enough) {
		Duration total = Duration.ZERO;
		LocalDate day = from.atZone(BEIJING).toLocalDate();
		LocalDate last = to.atZone(BEIJING).toLocalDate();
		for (int days = 0; !day.isAfter(last) && days < HORIZON_DAYS; day = day.plusDays(1), days++) {
			if (!isOpen(day)) {
				continue;
			}
			for (LocalTime[] session : SESSIONS) {
				Instant start = max(at(day, session[0]), from);
				Instant end = min(at(day, session[1]), to);
				if (end.isAfter(start)) {
					total = total.plus(Duration.between(start, end));
				}
			}
			if (total.compareTo(enough) > 0) {
				return total;
			}
		}
		return (day.isAfter(last)) ? total : total.plus(enough);
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	/** The sessions that have not ended by a moment, in order, over the horizon. */
	private List<Instant[]> sessionsFrom(Instant now) {
		List<Instant[]> sessions = new ArrayList<>();
		LocalDate day = now.atZone(BEIJING).toLocalDate();
		for (int ahead = 0; ahead < HORIZON_DAYS && sessions.size() < 2; ahead++, day = day.plusDays(1)) {
			if (!isOpen(day)) {
				continue;
			}
			for (LocalTime[] session : SESSIONS) {
				Instant end = at(day, session[1]);
				if (end.isAfter(now)) {
					sessions.add(new Instant[] { at(day, session[0]), end });
				}
			}
		}
		return sessions;
	}

	private static Instant at(LocalDate day, LocalTime time) {
		return ZonedDateTime.of(day, time, BEIJING).toInstant();
	}

}
