package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The 5, 15, 30 and 60-minute bars of one complete day, computed from its 1-minute bars
 * in memory, as {@link BarAggregateRefresher} would compute them from the table.
 * <p>
 * A complete day holds every slot of the canonical day (09:31..11:30, 13:01..15:00). The
 * afternoon starts at slot 120, a boundary of every level, so each bucket is a run of 5,
 * 15, 30 or 60 slots labelled by the end of its last bar; the 60-minute runs end 10:30,
 * 11:30, 14:00 and 15:00 with the lunch break cut out, as the refresher's 60-minute rule
 * has them.
 */
public final class BarRollup {

	/** The widths of the rollup levels in minutes, lowest level first. */
	public static final int[] WIDTHS = { 5, 15, 30, 60 };

	/** The 1-minute bars of a complete day. */
	public static final int FULL_DAY = 240;

	private BarRollup() {
	}

	/**
	 * Whether a 1-minute bar of the A-share session may end at this Beijing time:
	 * 09:31..11:30 or 13:01..15:00, on the minute.
	 * @param time the bar's end
	 * @return true for one of the day's {@value #FULL_DAY} minutes
	 */
	public static boolean isSessionMinute(java.time.LocalTime time) {
		if (time.getSecond() != 0 || time.getNano() != 0) {
			return false;
		}
		int minute = time.getHour() * 60 + time.getMinute();
		return (minute >= 9 * 60 + 31 && minute <= 11 * 60 + 30) || (minute >= 13 * 60 + 1 && minute <= 15 * 60);
	}

	/**
	 * Rolls one complete day up and appends its rows for
	 * {@link BarAggregateRefresher#TABLE} (a row per 5-minute bar with the coarser bars
	 * that end with it).
	 * @param bars the bars holding the day
	 * @param from the index of the day's first bar
	 * @param rows where the rows go
	 */
	public static void appendDay(List<Bar> bars, int from, BarCopyText rows) {
		// Each level from the one below (five 1-minute bars make a 5-minute bar, three of
		// those a 15-minute bar, and so on), so each bar is read about once.
		List<Bar> below = bars;
		int start = from;
		int count = FULL_DAY;
		int width = 1;
		List<List<Bar>> levels = new ArrayList<>(WIDTHS.length);
		for (int levelWidth : WIDTHS) {
			int group = levelWidth / width;
			List<Bar> level = new ArrayList<>(count / group);
			rollUp(below, start, count, group, level);
			levels.add(level);
			below = level;
			start = 0;
			count /= group;
			width = levelWidth;
		}
		write(levels, rows);
	}

	// A row per 5-minute bar, with the bars of the coarser levels that end with it: every
	// level's buckets end on 5-minute boundaries, the n-th bar of a level at the
	// (n + 1) * width / 5 - 1-th 5-minute bar.
	private static void write(List<List<Bar>> levels, BarCopyText rows) {
		Bar[] row = new Bar[WIDTHS.length];
		List<Bar> fives = levels.get(0);
		for (int i = 0; i < fives.size(); i++) {
			row[0] = fives.get(i);
			for (int l = 1; l < WIDTHS.length; l++) {
				int per = WIDTHS[l] / WIDTHS[0];
				row[l] = ((i + 1) % per == 0) ? levels.get(l).get((i + 1) / per - 1) : null;
			}
			rows.add(row);
		}
	}

	// Rolls up count bars from index from, group by group; each is labelled by the end
	// of its last bar.
	private static void rollUp(List<Bar> bars, int from, int count, int group, List<Bar> into) {
		for (int start = from; start < from + count; start += group) {
			Bar first = bars.get(start);
			BigDecimal high = first.high();
			BigDecimal low = first.low();
			long volume = first.volume();
			BigDecimal amount = first.amount();
			for (int i = start + 1; i < start + group; i++) {
				Bar bar = bars.get(i);
				// Of two equal prices the later is kept, as PostgreSQL's max and min do
				// for their inputs in time order; only a source sending one price at
				// two scales could tell the difference (7.35 against 7.350).
				high = (bar.high().compareTo(high) >= 0) ? bar.high() : high;
				low = (bar.low().compareTo(low) <= 0) ? bar.low() : low;
				volume += bar.volume();
				amount = amount.add(bar.amount());
			}
			Bar last = bars.get(start + group - 1);
			into.add(new Bar(first.symbol(), last.end(), first.open(), high, low, last.close(), volume, amount));
		}
	}

}
