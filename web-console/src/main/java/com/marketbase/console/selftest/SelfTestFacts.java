package com.marketbase.console.selftest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * The self-test's schedule and a run started now, offered to the console by the
 * application, which runs them.
 */
public interface SelfTestFacts {

	/**
	 * The schedule now.
	 * @return the schedule
	 */
	Schedule schedule();

	/**
	 * Keeps a new interval and plans by it at once, cancelling the pending run.
	 * @param every the interval's key
	 * @param by who sets it
	 * @return the schedule now
	 * @throws IllegalArgumentException in one line when the key is not a choice
	 */
	Schedule schedule(String every, String by);

	/**
	 * Starts a run of every configured source, which goes on after this returns.
	 * @param by who starts it
	 * @return the run's id, empty when a run is under way
	 * @throws IllegalStateException when no run can start (no source configured)
	 */
	OptionalLong runNow(String by);

	/**
	 * The schedule.
	 *
	 * @param every the interval's key
	 * @param choices every key it may be set to, in order
	 * @param setBy who set it ({@code default} before anyone did)
	 * @param setAt when
	 * @param nextRunAt when the next run is due, {@code null} when off
	 * @param underWay whether a run is under way
	 */
	record Schedule(String every, List<String> choices, String setBy, OffsetDateTime setAt, @Nullable Instant nextRunAt,
			boolean underWay) {
	}

}
