package com.marketbase.batch.funds;

import java.util.Locale;

/**
 * How closely a fund is followed, which sets how often its estimate is refreshed and
 * which task goes first when several are due: the watchlist before the funds held before
 * the rest.
 */
public enum FundTier {

	WATCHLIST(30), HOLDINGS(20), REST(10);

	private final int priority;

	FundTier(int priority) {
		this.priority = priority;
	}

	/**
	 * The queue priority: higher runs first.
	 * @return the priority
	 */
	public int priority() {
		return this.priority;
	}

	/**
	 * The name of the tier a queue priority stands for.
	 * @param priority a queued instance's priority
	 * @return the tier's name, or {@code priority N} for another priority
	 */
	public static String keyOf(int priority) {
		for (FundTier tier : values()) {
			if (tier.priority == priority) {
				return tier.key();
			}
		}
		return "priority " + priority;
	}

	/**
	 * The tier's name as stored and shown.
	 * @return {@code watchlist}, {@code holdings} or {@code rest}
	 */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

}
