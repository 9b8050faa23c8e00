package com.marketbase.batch.job.minute1m;

import com.marketbase.batch.warehouse.BarCopyText;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.BarAggregateRefresher;
import com.marketbase.batch.warehouse.BarRollup;

/**
 * The 5, 15, 30 and 60-minute bars of a chunk's complete days, rolled up from the
 * 1-minute bars already in memory ({@link BarRollup}), and the days written that are not
 * complete.
 * <p>
 * Once a complete day's bars are written the warehouse holds exactly those bars for that
 * symbol and day, so rolling them up here gives what {@code BarAggregateRefresher} would
 * compute from the table. A partial day may complement bars stored before, and an empty
 * one may have bars stored before or none, so these are rolled up from the table instead.
 * A failed day changed nothing.
 */
final class ChunkRollup {

	// Pieces of COPY text about this long: a chunk's rows in one array (half a megabyte
	// and more for 50 units) would be a humongous object in a small heap.
	private static final int PIECE = 64 * 1024;

	// The levels' rows in COPY text, written while the day's bars were at hand.
	private final List<byte[]> rows;

	private final Map<LocalDate, List<String>> complete;

	private final Map<LocalDate, List<String>> fromTable;

	private ChunkRollup(List<byte[]> rows, Map<LocalDate, List<String>> complete,
			Map<LocalDate, List<String>> fromTable) {
		this.rows = rows;
		this.complete = complete;
		this.fromTable = fromTable;
	}

	static ChunkRollup of(Iterable<? extends LoadedUnit> units) {
		BarCopyText text = new BarCopyText(PIECE + 16 * 1024);
		List<byte[]> rows = new ArrayList<>();
		Map<LocalDate, List<String>> complete = new LinkedHashMap<>();
		Map<LocalDate, List<String>> fromTable = new LinkedHashMap<>();
		for (LoadedUnit unit : units) {
			// The unit's bars run day after day in the order of its outcomes.
			int from = 0;
			for (DayOutcome day : unit.days()) {
				if (day.status() == DayStatus.COMPLETE) {
					BarRollup.appendDay(unit.bars(), from, text);
					if (text.length() >= PIECE) {
						rows.add(Arrays.copyOf(text.bytes(), text.length()));
						text.clear();
					}
					complete.computeIfAbsent(day.day(), (key) -> new ArrayList<>()).add(day.symbol());
				}
				else if (day.status() != DayStatus.FAILED) {
					fromTable.computeIfAbsent(day.day(), (key) -> new ArrayList<>()).add(day.symbol());
				}
				from += day.bars();
			}
		}
		if (text.length() > 0) {
			rows.add(Arrays.copyOf(text.bytes(), text.length()));
		}
		return new ChunkRollup(rows, complete, fromTable);
	}

	/**
	 * The rolled-up bars in COPY text for {@link BarAggregateRefresher#TABLE}: a row per
	 * 5-minute bar (symbol, ts, then open, high, low, close, volume and amount of the 5,
	 * 15, 30 and 60-minute bars ending then, nulls where a level has none), in pieces of
	 * whole rows.
	 * @return the rows
	 */
	List<byte[]> rows() {
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
