package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.marketbase.batch.job.gaps.SymbolDay;

/**
 * Turns the units a run should load into fetches: a day with many missing instruments is
 * fetched whole (where the source can), the rest per instrument over the range of its
 * missing days. A fetch may return more than is missing; only the missing units are
 * written.
 */
final class DailyPlan {

	private DailyPlan() {
	}

	/**
	 * The fetches for some units.
	 * @param units the units, any order
	 * @param feed the source
	 * @param wholeDayFrom the missing instruments from which a day is fetched whole
	 * @return the fetches with the units each covers: whole days newest first, then
	 * instruments by symbol
	 */
	static List<Planned> of(List<SymbolDay> units, DailyFeed feed, int wholeDayFrom) {
		Map<LocalDate, List<SymbolDay>> byDay = new TreeMap<>(Comparator.reverseOrder());
		units.forEach((unit) -> byDay.computeIfAbsent(unit.day(), (day) -> new ArrayList<>()).add(unit));
		List<Planned> planned = new ArrayList<>();
		Map<String, List<LocalDate>> bySymbol = new TreeMap<>();
		byDay.forEach((day, missing) -> {
			if (feed.wholeDays() && missing.size() >= Math.max(1, wholeDayFrom)) {
				planned.add(new Planned(DailyUnit.day(day), missing.size()));
			}
			else {
				missing
					.forEach((unit) -> bySymbol.computeIfAbsent(unit.symbol(), (symbol) -> new ArrayList<>()).add(day));
			}
		});
		bySymbol.forEach((symbol, days) -> {
			LocalDate first = days.stream().min(Comparator.naturalOrder()).orElseThrow();
			LocalDate last = days.stream().max(Comparator.naturalOrder()).orElseThrow();
			planned.add(new Planned(DailyUnit.range(symbol, first, last), days.size()));
		});
		return planned;
	}

	/**
	 * A fetch and how many missing units it covers.
	 *
	 * @param unit the fetch
	 * @param units the missing units it covers
	 */
	record Planned(DailyUnit unit, int units) {

		int calls(DailyFeed feed, int instruments) {
			return this.unit.wholeDay() ? feed.callsPerDay(instruments) : feed.callsPerRange();
		}

	}

}
