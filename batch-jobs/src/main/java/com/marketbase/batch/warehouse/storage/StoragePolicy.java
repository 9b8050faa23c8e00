package com.marketbase.batch.warehouse.storage;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One table's storage policy as it is to be applied.
 *
 * @param table the table
 * @param compressAfter compress what is older than this
 * @param retention remove what is older than this, or {@code null} to keep everything
 */
public record StoragePolicy(StorageTable table, Duration compressAfter, @Nullable Duration retention) {

	/**
	 * A duration as PostgreSQL reads an interval: whole days where it is, else seconds.
	 * @param duration the duration
	 * @return for example {@code 7 days}
	 */
	static String interval(Duration duration) {
		return (duration.toSeconds() % 86_400 == 0) ? duration.toDays() + " days" : duration.toSeconds() + " seconds";
	}

	/**
	 * A duration for a person.
	 * @param duration the duration, or {@code null}
	 * @return for example {@code 7 days}, or {@code off}
	 */
	public static String describe(@Nullable Duration duration) {
		if (duration == null) {
			return "off";
		}
		if (duration.toSeconds() % 86_400 == 0) {
			return duration.toDays() + ((duration.toDays() == 1) ? " day" : " days");
		}
		return (duration.toSeconds() % 3600 == 0) ? duration.toHours() + " h" : duration.toSeconds() + " s";
	}

}
