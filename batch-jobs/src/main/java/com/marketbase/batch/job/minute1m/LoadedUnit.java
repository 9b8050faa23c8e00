package com.marketbase.batch.job.minute1m;

import java.util.List;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.support.rows.RejectedRow;

/**
 * A work unit ready to be written: canonical bars, the rows rejected on the way, and each
 * day's outcome.
 *
 * @param unit the work unit
 * @param bars the canonical 1-minute bars, ordered by time
 * @param rejected rows the source sent that cannot be stored, with reasons
 * @param days the outcome of each day of the unit
 */
record LoadedUnit(MinuteUnit unit, List<Bar> bars, List<RejectedRow> rejected, List<DayOutcome> days) {

	LoadedUnit {
		bars = List.copyOf(bars);
		rejected = List.copyOf(rejected);
		days = List.copyOf(days);
	}

}
