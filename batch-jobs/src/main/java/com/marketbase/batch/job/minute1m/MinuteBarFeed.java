package com.marketbase.batch.job.minute1m;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.TransientSourceException;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.Bar;

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
	default FetchedUnit fetch(MinuteUnit unit) {
		try {
			Fetched<Bar> bars = bars(unit);
			return new FetchedUnit(unit, bars.items(), bars.rejected(), null);
		}
		catch (TransientSourceException ex) {
			return FetchedUnit.failed(unit, ex.getMessage());
		}
	}

	/**
	 * The unit's bars as the connector reads them.
	 * @param unit the unit
	 * @return the bars and the rows the connector rejected
	 */
	Fetched<Bar> bars(MinuteUnit unit);

	/**
	 * The calendars and instrument lists of the feed's source, for a warehouse that does
	 * not know the job's days or instruments yet.
	 * @return the reference feed
	 */
	ReferenceFeed reference();

}
