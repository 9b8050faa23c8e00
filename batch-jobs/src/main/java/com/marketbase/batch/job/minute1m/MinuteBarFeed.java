package com.marketbase.batch.job.minute1m;

import com.marketbase.batch.source.SourceName;

/**
 * Where the job gets 1-minute bars: one connector, seen as work units.
 */
interface MinuteBarFeed {

	SourceName source();

	/**
	 * How many trading days one call can fetch for a symbol without reaching the source's
	 * caps.
	 * @return days per work unit
	 */
	int daysPerUnit();

	/**
	 * Fetches a unit. A unit the source cannot serve after its retries comes back as
	 * {@link FetchedUnit#failed failed}; a permanent failure (bad token, no permission)
	 * is thrown and ends the execution.
	 * @param unit the unit
	 * @return what the source returned
	 */
	FetchedUnit fetch(MinuteUnit unit);

}
