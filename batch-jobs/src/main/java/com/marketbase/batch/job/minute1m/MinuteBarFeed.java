package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.source.Bar;
import com.marketbase.batch.source.Fetched;
import com.marketbase.batch.source.Bar;
import com.marketbase.batch.source.Fetched;
import com.marketbase.batch.source.Instrument;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.TradingDay;
import com.marketbase.batch.source.TransientSourceException;
import com.marketbase.batch.source.TransientSourceException;

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
