package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.List;

/**
 * One work unit: a symbol and the trading days fetched for it in one go.
 *
 * @param symbol the instrument in Tushare form
 * @param days the open days of the unit, ascending
 */
record MinuteUnit(String symbol, List<LocalDate> days) {

	MinuteUnit {
		days = List.copyOf(days);
	}

	LocalDate first() {
		return this.days.get(0);
	}

	LocalDate last() {
		return this.days.get(this.days.size() - 1);
	}

	@Override
	public String toString() {
		return this.symbol + "/" + first() + ((this.days.size() > 1) ? ".." + last() : "");
	}

}
