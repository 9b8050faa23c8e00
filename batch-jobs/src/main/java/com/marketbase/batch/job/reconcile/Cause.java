package com.marketbase.batch.job.reconcile;

import java.util.Locale;

/**
 * Why the warehouse and a source disagree, as far as the job can tell. The conventions
 * are ways of laying out the same trades, explained and not counted as differences.
 */
enum Cause {

	/** The source labels its bars by their start, we by their end. */
	LABEL_CONVENTION(true),

	/** The source sends the opening auction as its own 09:30 bar; we fold it in. */
	AUCTION_FOLD(true),

	/** The source's 1-minute bars changed after we loaded them. */
	LATE_CORRECTION(false),

	/** Our aggregate does not match our own 1-minute bars. */
	STALE_AGGREGATE(false),

	/**
	 * Two answers of the source (or two sources) disagree while ours match one of them.
	 */
	SOURCE_DISAGREEMENT(false),

	/** One side has no bar where the other has one. */
	MISSING_BAR(false),

	/** The day's minute bars in the warehouse are fewer than the day has. */
	INCOMPLETE_MINUTES(false);

	private final boolean convention;

	Cause(boolean convention) {
		this.convention = convention;
	}

	boolean convention() {
		return this.convention;
	}

	static Cause of(String key) {
		return valueOf(key.toUpperCase(Locale.ROOT));
	}

	/** The cause as stored, for example {@code late_correction}. */
	String key() {
		return name().toLowerCase(Locale.ROOT);
	}

}
