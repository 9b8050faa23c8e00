package com.marketbase.batch.warehouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.springframework.util.Assert;

/**
 * A window of bar-end times {@code (from, to]} that holds whole buckets of every
 * aggregate level. Its edges lie on the A-share 60-minute session grid (09:30, 10:30,
 * 11:30, 13:00, 14:00, 15:00 and midnight, Beijing time), which is also a 5, 15 and
 * 30-minute boundary, so refreshing the window rebuilds complete buckets at every level
 * and nothing outside it.
 *
 * @param from exclusive lower edge (a bar ending exactly here belongs to the previous
 * bucket)
 * @param to inclusive upper edge
 */
public record AggregateWindow(Instant from, Instant to) {

	/** Bars are labelled in Beijing time. */
	public static final ZoneId MARKET_ZONE = ZoneId.of("Asia/Shanghai");

	private static final List<LocalTime> EDGES = List.of(LocalTime.MIDNIGHT, LocalTime.of(9, 30), LocalTime.of(10, 30),
			LocalTime.of(11, 30), LocalTime.of(13, 0), LocalTime.of(14, 0), LocalTime.of(15, 0));

	public AggregateWindow {
		Assert.isTrue(from.isBefore(to), () -> "Aggregate window must not be empty: (" + from + ", " + to + "]");
	}

	/**
	 * The smallest window of whole buckets that holds the 1-minute bars ending from
	 * {@code firstBarEnd} to {@code lastBarEnd}.
	 * @param firstBarEnd end time of the earliest touched bar
	 * @param lastBarEnd end time of the latest touched bar
	 * @return the widened window
	 */
	public static AggregateWindow covering(Instant firstBarEnd, Instant lastBarEnd) {
		Assert.isTrue(!lastBarEnd.isBefore(firstBarEnd), "The last bar must not end before the first");
		return new AggregateWindow(edgeBefore(firstBarEnd), edgeAtOrAfter(lastBarEnd));
	}

	/**
	 * The window of whole trading days, midnight to midnight in Beijing time.
	 * @param first the first day
	 * @param last the last day (inclusive)
	 * @return the window
	 */
	public static AggregateWindow days(LocalDate first, LocalDate last) {
		return new AggregateWindow(first.atStartOfDay(MARKET_ZONE).toInstant(),
				last.plusDays(1).atStartOfDay(MARKET_ZONE).toInstant());
	}

	private static Instant edgeBefore(Instant barEnd) {
		ZonedDateTime local = barEnd.atZone(MARKET_ZONE);
		LocalDate day = local.toLocalDate();
		LocalTime time = local.toLocalTime();
		if (time.equals(LocalTime.MIDNIGHT)) {
			return day.minusDays(1).atTime(EDGES.get(EDGES.size() - 1)).atZone(MARKET_ZONE).toInstant();
		}
		LocalTime edge = LocalTime.MIDNIGHT;
		for (LocalTime candidate : EDGES) {
			if (candidate.isBefore(time)) {
				edge = candidate;
			}
		}
		return day.atTime(edge).atZone(MARKET_ZONE).toInstant();
	}

	private static Instant edgeAtOrAfter(Instant barEnd) {
		ZonedDateTime local = barEnd.atZone(MARKET_ZONE);
		LocalDate day = local.toLocalDate();
		LocalTime time = local.toLocalTime();
		for (LocalTime candidate : EDGES) {
			if (!candidate.isBefore(time)) {
				return day.atTime(candidate).atZone(MARKET_ZONE).toInstant();
			}
		}
		return day.plusDays(1).atStartOfDay(MARKET_ZONE).toInstant();
	}

}
