package com.marketbase.batch.job.reconcile;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.warehouse.Bar;

/**
 * A source's own intraday bars of one symbol and day, as it sends them: its layout and
 * labels are what {@link BarComparison} reads, so nothing is folded or relabelled here
 * beyond what its client does for every caller.
 */
interface AggregateFeed {

	/**
	 * The source's bars of a length.
	 * @param symbol the instrument
	 * @param minutes 5, 15, 30 or 60
	 * @param day the day
	 * @return the bars, oldest first
	 */
	List<Bar> bars(String symbol, int minutes, LocalDate day);

	/**
	 * The source's 1-minute bars in the warehouse's 240-bar layout, asked for only when a
	 * difference needs its cause.
	 * @param symbol the instrument
	 * @param day the day
	 * @return the bars, oldest first
	 */
	List<Bar> minutes(String symbol, LocalDate day);

}
