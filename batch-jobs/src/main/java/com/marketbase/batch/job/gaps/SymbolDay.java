package com.marketbase.batch.job.gaps;

import java.time.LocalDate;

/**
 * One unit a dataset owes: an instrument on a trading day.
 *
 * @param symbol the instrument in warehouse form
 * @param day the trading day
 */
public record SymbolDay(String symbol, LocalDate day) {

	/**
	 * The unit's key in {@code market.failed_work_units}.
	 * @return for example {@code 600000.SH/2026-11-20}
	 */
	public String key() {
		return this.symbol + "/" + this.day;
	}

	@Override
	public String toString() {
		return key();
	}

}
