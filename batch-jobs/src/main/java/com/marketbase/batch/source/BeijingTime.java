package com.marketbase.batch.source;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Beijing wall-clock time of an instant by arithmetic, for code that runs once per bar:
 * China has kept UTC+8 since 1991, so a recent instant needs no look-up in the zone's
 * history (older ones get one).
 */
public final class BeijingTime {

	private static final ZoneRules RULES = Units.BEIJING.getRules();

	private static final long SETTLED_SINCE;

	private static final int SETTLED_OFFSET;

	static {
		List<ZoneOffsetTransition> transitions = RULES.getTransitions();
		boolean settled = RULES.getTransitionRules().isEmpty() && !transitions.isEmpty();
		ZoneOffsetTransition last = settled ? transitions.get(transitions.size() - 1) : null;
		SETTLED_SINCE = (last != null) ? last.getInstant().getEpochSecond() : Long.MAX_VALUE;
		SETTLED_OFFSET = (last != null) ? last.getOffsetAfter().getTotalSeconds() : 0;
	}

	private BeijingTime() {
	}

	/**
	 * Seconds since 1970-01-01T00:00 as read on a Beijing clock.
	 * @param instant the instant
	 * @return the local epoch second (the fraction of a second dropped)
	 */
	public static long localEpochSecond(Instant instant) {
		long second = instant.getEpochSecond();
		int offset = (second >= SETTLED_SINCE) ? SETTLED_OFFSET : RULES.getOffset(instant).getTotalSeconds();
		return second + offset;
	}

	/**
	 * The second of the day on a Beijing clock.
	 * @param instant the instant
	 * @return 0..86399
	 */
	public static int secondOfDay(Instant instant) {
		return (int) Math.floorMod(localEpochSecond(instant), 86_400L);
	}

}
