package com.marketbase.batch.selftest;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * How often the server runs the self-test on its own, as the console offers it.
 */
public enum SelfTestInterval {

	OFF("off", 0), FIVE_MINUTES("5m", 5), TEN_MINUTES("10m", 10), FIFTEEN_MINUTES("15m", 15), THIRTY_MINUTES("30m", 30),
	HOURLY("hourly", 60), DAILY("daily", 24 * 60);

	private final String key;

	private final int minutes;

	SelfTestInterval(String key, int minutes) {
		this.key = key;
		this.minutes = minutes;
	}

	public String key() {
		return this.key;
	}

	/**
	 * The time between two runs.
	 * @param minute how long a minute is: one minute, shorter only in tests
	 * @return the period, {@code null} when off
	 */
	public @Nullable Duration period(Duration minute) {
		return (this == OFF) ? null : minute.multipliedBy(this.minutes);
	}

	/**
	 * The choice a key names.
	 * @param key {@code off}, {@code 5m}, {@code 10m}, {@code 15m}, {@code 30m},
	 * {@code hourly} or {@code daily}
	 * @return the choice
	 * @throws IllegalArgumentException naming the choices when the key is none of them
	 */
	public static SelfTestInterval parse(@Nullable String key) {
		for (SelfTestInterval interval : values()) {
			if (interval.key.equals(key)) {
				return interval;
			}
		}
		String shown = (key == null) ? "nothing" : "'" + shown(key) + "'";
		throw new IllegalArgumentException("every is one of " + keys() + "; not " + shown + ".");
	}

	/**
	 * The keys, in order.
	 * @return the keys, comma-separated
	 */
	public static String keys() {
		return Arrays.stream(values()).map(SelfTestInterval::key).collect(Collectors.joining(", "));
	}

	// A refused value is echoed short and printable.
	private static String shown(String key) {
		String printable = key.replaceAll("\\p{C}", "?");
		return (printable.length() <= 20) ? printable : printable.substring(0, 20) + "...";
	}

}
