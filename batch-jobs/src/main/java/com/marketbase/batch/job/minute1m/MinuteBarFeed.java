package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.source.Instrument;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.TradingDay;

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

	/**
	 * The A-share trading calendar, for a warehouse that does not know the job's days
	 * yet.
	 * @param start the first day
	 * @param end the last day
	 * @return every day of the window, open or not
	 */
	List<TradingDay> calendar(LocalDate start, LocalDate end);

	/**
	 * The listed A-shares and exchange funds, for a warehouse without instruments yet.
	 * @return the instruments
	 */
	List<Instrument> shares();

}
