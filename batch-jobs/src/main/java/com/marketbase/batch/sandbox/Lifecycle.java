package com.marketbase.batch.sandbox;

import java.time.LocalDate;

/**
 * What happened to one of the sandbox's listing cases beyond the plain listed stocks: a
 * delisting, a pause, a rename or a re-coding.
 *
 * @param kind what happened
 * @param on the day it took effect: the first day without trading for a delisting, a
 * pause or a re-coding (under the old code), the first day under the new name for a
 * rename
 * @param otherSymbol for a re-coding, the new code on the old code's case and the old
 * code on the new one's; otherwise {@code null}
 * @param formerName for a rename, the name before it; otherwise {@code null}
 * @param firstListed when the security first listed (under its first code)
 */
record Lifecycle(Kind kind, LocalDate on, String otherSymbol, String formerName, LocalDate firstListed) {

	/** The kinds of listing event. */
	enum Kind {

		/** Delisted on {@link Lifecycle#on()}. */
		DELISTED,

		/** Paused (暂停上市) from {@link Lifecycle#on()}. */
		PAUSED,

		/** Renamed on {@link Lifecycle#on()}, the code unchanged. */
		RENAMED,

		/**
		 * The old code of a re-coded security, trading until the day before the change.
		 */
		RECODED_FROM,

		/** The new code of a re-coded security, trading from the change. */
		RECODED_TO

	}

	/**
	 * The Tushare listing status on a day.
	 * @param today the day
	 * @return {@code L}, {@code D} or {@code P}
	 */
	String status(LocalDate today) {
		if (today.isBefore(this.on)) {
			return "L";
		}
		return switch (this.kind) {
			case DELISTED, RECODED_FROM -> "D";
			case PAUSED -> "P";
			default -> "L";
		};
	}

	/**
	 * Whether the code is known to the market yet: a new code exists only from its
	 * change.
	 * @param today the day
	 * @return whether the code is listed or was
	 */
	boolean exists(LocalDate today) {
		return this.kind != Kind.RECODED_TO || !today.isBefore(this.on);
	}

}
