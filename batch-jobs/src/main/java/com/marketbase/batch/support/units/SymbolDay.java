package com.marketbase.batch.support.units;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

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

	/**
	 * Some units for a summary: the first few, then an ellipsis.
	 * @param units the units
	 * @param shown how many to name
	 * @param then what to add after them, such as where to see the rest
	 * @return {@code " (600000.SH/2026-11-20, ...; then)"}, or nothing when there are
	 * none
	 */
	public static String listed(List<SymbolDay> units, int shown, String then) {
		if (units.isEmpty()) {
			return "";
		}
		return " (" + units.stream().limit(shown).map(SymbolDay::key).collect(Collectors.joining(", "))
				+ ((units.size() > shown) ? ", ..." : "") + then + ")";
	}

	@Override
	public String toString() {
		return key();
	}

}
