package com.marketbase.batch.job.reconcile;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import com.marketbase.batch.source.Units;
import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.DailyBar;
import org.jspecify.annotations.Nullable;

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

	/**
	 * The source's daily bar, asked for again when ours disagrees with its minutes.
	 * @param symbol the instrument
	 * @param etf whether it is an ETF (Tushare keeps them apart)
	 * @param day the day
	 * @return the bar labelled 15:00, or {@code null} when the source has none
	 */
	@Nullable Bar daily(String symbol, boolean etf, LocalDate day);

	/**
	 * A daily bar as a bar labelled at the session's end.
	 * @param bars the source's bars of the day
	 * @return the first, or {@code null} for none
	 */
	static @Nullable Bar sessionBar(List<DailyBar> bars) {
		if (bars.isEmpty()) {
			return null;
		}
		DailyBar day = bars.get(0);
		return new Bar(day.symbol(), Units.beijing(day.tradeDate(), LocalTime.of(15, 0)), day.open(), day.high(),
				day.low(), day.close(), day.volume(), day.amount());
	}

}
