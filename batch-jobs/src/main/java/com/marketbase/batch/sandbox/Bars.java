package com.marketbase.batch.sandbox;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a day's one-minute path into each source's own layouts: Tushare's 241 bars with
 * the 09:30 auction bar, TDX's 240 with the auction folded into 09:31, and
 * 5/15/30/60-minute bars labelled by their end (the auction goes into the first bar of
 * the morning).
 */
final class Bars {

	private static final LocalTime MORNING = LocalTime.of(9, 30);

	private static final LocalTime AFTERNOON = LocalTime.of(13, 0);

	private Bars() {
	}

	/**
	 * Bars of a given length.
	 * @param tushareMinutes the day's bars in Tushare's one-minute layout
	 * @param minutes the bar length: 1, 5, 15, 30 or 60
	 * @param keepAuctionBar whether a one-minute layout keeps the separate 09:30 bar
	 * (Tushare) or folds it into 09:31 (TDX)
	 * @return the bars, oldest first
	 */
	static List<SyntheticMarket.MinuteBar> aggregate(List<SyntheticMarket.MinuteBar> tushareMinutes, int minutes,
			boolean keepAuctionBar) {
		if (minutes == 1 && keepAuctionBar) {
			return tushareMinutes;
		}
		List<SyntheticMarket.MinuteBar> bars = new ArrayList<>();
		SyntheticMarket.MinuteBar current = null;
		for (SyntheticMarket.MinuteBar bar : tushareMinutes) {
			LocalDateTime end = bucketEnd(bar.end(), minutes);
			if (current != null && current.end().equals(end)) {
				current = new SyntheticMarket.MinuteBar(end, current.open(), Math.max(current.high(), bar.high()),
						Math.min(current.low(), bar.low()), bar.close(), current.lots() + bar.lots(),
						current.amountLi() + bar.amountLi());
			}
			else {
				if (current != null) {
					bars.add(current);
				}
				current = new SyntheticMarket.MinuteBar(end, bar.open(), bar.high(), bar.low(), bar.close(), bar.lots(),
						bar.amountLi());
			}
		}
		if (current != null) {
			bars.add(current);
		}
		return bars;
	}

	private static LocalDateTime bucketEnd(LocalDateTime barEnd, int minutes) {
		LocalTime time = barEnd.toLocalTime();
		LocalTime sessionStart = time.isAfter(LocalTime.NOON) ? AFTERNOON : MORNING;
		long offset = Math.max(1, ChronoUnit.MINUTES.between(sessionStart, time));
		long bucket = (offset + minutes - 1) / minutes;
		return barEnd.toLocalDate().atTime(sessionStart.plusMinutes(bucket * minutes));
	}

}
