package com.marketbase.batch.job.minute1m;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.source.Bar;
import com.marketbase.batch.warehouse.BarAggregateRefresher;

/**
 * The 5, 15, 30 and 60-minute bars of a chunk's complete days, computed from the 1-minute
 * bars already in memory, and the days written that are not complete.
 * <p>
 * A complete day holds every slot of the canonical day (09:31..11:30, 13:01..15:00), so
 * once its bars are written the warehouse holds exactly those bars for that symbol and
 * day, and rolling them up here gives what {@code BarAggregateRefresher} would compute
 * from the table. The afternoon starts at slot 120, a boundary of every level, so each
 * bucket is a run of 5, 15, 30 or 60 slots labelled by the end of its last bar; the
 * 60-minute runs end 10:30, 11:30, 14:00 and 15:00 with the lunch break cut out, as the
 * refresher's 60-minute rule has them. A partial day may complement bars stored before,
 * and an empty one may have bars stored before or none, so these are rolled up from the
 * table instead. A failed day changed nothing.
 */
final class ChunkRollup {

	/** The widths of the rollup levels in minutes, lowest level first. */
	static final int[] WIDTHS = { 5, 15, 30, 60 };

	// The levels' rows in COPY text, written while the day's bars were at hand.
	private final BarCopyText rows;

	private final Map<LocalDate, List<String>> complete;

	private final Map<LocalDate, List<String>> fromTable;

	private ChunkRollup(BarCopyText rows, Map<LocalDate, List<String>> complete,
			Map<LocalDate, List<String>> fromTable) {
		this.rows = rows;
		this.complete = complete;
		this.fromTable = fromTable;
	}

	static ChunkRollup of(Iterable<? extends LoadedUnit> units) {
		BarCopyText rows = new BarCopyText(64 * 1024);
		Map<LocalDate, List<String>> complete = new LinkedHashMap<>();
		Map<LocalDate, List<String>> fromTable = new LinkedHashMap<>();
		for (LoadedUnit unit : units) {
			// The unit's bars run day after day in the order of its outcomes.
			int from = 0;
			for (DayOutcome day : unit.days()) {
				if (day.status() == DayStatus.COMPLETE) {
					// Each level from the one below (five 1-minute bars make a
					// 5-minute bar, three of those a 15-minute bar, and so on), so
					// each bar is read about once.
					List<Bar> below = unit.bars();
					int start = from;
					int count = CanonicalDayProcessor.FULL_DAY;
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
					complete.computeIfAbsent(day.day(), (key) -> new ArrayList<>()).add(day.symbol());
				}
				else if (day.status() != DayStatus.FAILED) {
					fromTable.computeIfAbsent(day.day(), (key) -> new ArrayList<>()).add(day.symbol());
				}
				from += day.bars();
			}
		}
		return new ChunkRollup(rows, complete, fromTable);
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

	/**
	 * The rolled-up bars in COPY text for {@link BarAggregateRefresher#TABLE}: a row per
	 * 5-minute bar (symbol, ts, then open, high, low, close, volume and amount of the 5,
	 * 15, 30 and 60-minute bars ending then, nulls where a level has none).
	 * @return the rows
	 */
	BarCopyText rows() {
		return this.rows;
	}

	/** The complete days rolled up here, by day. */
	Map<LocalDate, List<String>> complete() {
		return this.complete;
	}

	/**
	 * Days loaded partial or empty, by day: rolled up from the table, whatever it holds
	 * for them now (bars stored before, or none, so that levels left from bars since
	 * deleted go too).
	 */
	Map<LocalDate, List<String>> fromTable() {
		return this.fromTable;
	}

}
