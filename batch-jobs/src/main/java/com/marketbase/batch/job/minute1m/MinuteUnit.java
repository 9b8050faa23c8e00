package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

	/**
	 * The units of some symbols over some days: per symbol, the days in runs of at most
	 * {@code daysPerUnit}.
	 * @param symbols the symbols, in the order to load them
	 * @param days the open days, ascending
	 * @param daysPerUnit the most days one unit holds
	 * @return the units, symbol by symbol
	 */
	static List<MinuteUnit> plan(List<String> symbols, List<LocalDate> days, int daysPerUnit) {
		List<MinuteUnit> units = new ArrayList<>();
		for (String symbol : symbols) {
			for (int from = 0; from < days.size(); from += daysPerUnit) {
				units.add(new MinuteUnit(symbol, days.subList(from, Math.min(days.size(), from + daysPerUnit))));
			}
		}
		return units;
	}

	/**
	 * The units of some symbols over some days, leaving out some symbol-days: per symbol,
	 * each run of days between left-out ones in units of at most {@code daysPerUnit}.
	 * @param symbols the symbols, in the order to load them
	 * @param days the open days, ascending
	 * @param daysPerUnit the most days one unit holds
	 * @param leftOut keys {@code symbol/day} not to load (quarantined units)
	 * @return the units, symbol by symbol
	 */
	static List<MinuteUnit> plan(List<String> symbols, List<LocalDate> days, int daysPerUnit, Set<String> leftOut) {
		if (leftOut.isEmpty()) {
			return plan(symbols, days, daysPerUnit);
		}
		List<MinuteUnit> units = new ArrayList<>();
		for (String symbol : symbols) {
			List<LocalDate> run = new ArrayList<>();
			for (LocalDate day : days) {
				if (leftOut.contains(symbol + "/" + day)) {
					units.addAll(plan(List.of(symbol), run, daysPerUnit));
					run.clear();
				}
				else {
					run.add(day);
				}
			}
			units.addAll(plan(List.of(symbol), run, daysPerUnit));
		}
		return units;
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
