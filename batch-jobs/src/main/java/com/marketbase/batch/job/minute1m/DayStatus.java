package com.marketbase.batch.job.minute1m;

/**
 * How completely one symbol's trading day was loaded; stored in
 * {@code market.load_units}.
 */
enum DayStatus {

	/** Every bar the calendar expects is there. */
	COMPLETE,

	/** Fewer bars than expected: a halt or a hole at the source. */
	PARTIAL,

	/** No bars at all: a suspension, or a source that has nothing. */
	EMPTY,

	/** The source could not be read for this day. */
	FAILED,

	/**
	 * Today while the session is open: the bars published so far are stored, and the
	 * evening run completes the day. Neither partial nor a hole.
	 */
	IN_PROGRESS;

	String column() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
