package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.source.AdjustmentFactor;
import com.marketbase.batch.source.DailyBar;
import com.marketbase.batch.source.Fetched;
import com.marketbase.batch.source.Instrument;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.Suspension;
import com.marketbase.batch.source.TradingDay;

/**
 * Where a daily-bar job gets its rows: one connector, seen as whole days or one
 * instrument's range of days.
 */
interface DailyFeed {

	SourceName source();

	/**
	 * Whether one call (or a few pages) gives a day of every instrument.
	 * @return false where the source needs a call per instrument
	 */
	boolean wholeDays();

	/**
	 * Source calls a whole day costs, for the backfill budget.
	 * @param instruments how many instruments the dataset has
	 * @return the estimated calls
	 */
	int callsPerDay(int instruments);

	/**
	 * Source calls one instrument's range costs, for the backfill budget.
	 * @return the estimated calls
	 */
	int callsPerRange();

	/**
	 * Whether the source gives adjustment factors for this dataset; where it does not,
	 * bars are stored without one.
	 * @return true where factors are read
	 */
	boolean givesFactors();

	/**
	 * Whether the source lists suspended days for this dataset.
	 * @return true where a missing bar can be told to be a suspension
	 */
	boolean listsSuspensions();

	Fetched<DailyBar> bars(DailyUnit unit);

	Fetched<AdjustmentFactor> factors(DailyUnit unit);

	Fetched<Suspension> suspensions(DailyUnit unit);

	/**
	 * The A-share trading calendar, for a warehouse that does not know the days yet.
	 * @param start the first day
	 * @param end the last day
	 * @return every day of the window, open or not
	 */
	List<TradingDay> calendar(LocalDate start, LocalDate end);

	/**
	 * The listed A-shares, for a warehouse without instruments yet.
	 * @return the instruments
	 */
	List<Instrument> shares();

}
