package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.marketbase.batch.support.units.SymbolDay;

/**
 * Turns the units a run should load into fetches: a day with many missing instruments is
 * fetched whole (where the source can), the rest per instrument over the range of its
 * missing days. A range may span a day that is fetched whole; the writer leaves that day
 * to the whole-day fetch, so that no unit is written twice.
 */
final class FetchPlan {

	private FetchPlan() {
	}

	/**
	 * The fetches for some units.
	 * @param units the units, any order
	 * @param feed the source
	 * @param wholeDayFrom the missing instruments from which a day is fetched whole
	 * @return the fetches with the units each covers: whole days newest first, then
	 * instruments by symbol
	 */
	static List<Planned> of(List<SymbolDay> units, DatasetFeed<?> feed, int wholeDayFrom) {
		Map<LocalDate, List<SymbolDay>> byDay = new TreeMap<>(Comparator.reverseOrder());
		units.forEach((unit) -> byDay.computeIfAbsent(unit.day(), (day) -> new ArrayList<>()).add(unit));
		List<Planned> planned = new ArrayList<>();
		Map<String, List<LocalDate>> bySymbol = new TreeMap<>();
		byDay.forEach((day, missing) -> {
			if (feed.wholeDays() && missing.size() >= Math.max(1, wholeDayFrom)) {
				planned.add(new Planned(Fetch.day(day), missing.size()));
			}
			else {
				missing
					.forEach((unit) -> bySymbol.computeIfAbsent(unit.symbol(), (symbol) -> new ArrayList<>()).add(day));
			}
		});
		int span = Math.max(1, feed.daysPerFetch());
		bySymbol.forEach((symbol, days) -> {
			List<LocalDate> sorted = days.stream().sorted().toList();
			for (int i = 0; i < sorted.size(); i += span) {
				List<LocalDate> part = sorted.subList(i, Math.min(sorted.size(), i + span));
				planned.add(new Planned(Fetch.range(symbol, part.get(0), part.get(part.size() - 1)), part.size()));
			}
		});
		return planned;
	}

	/**
	 * A fetch and how many missing units it covers.
	 *
	 * @param fetch the fetch
	 * @param units the missing units it covers
	 */
	record Planned(Fetch fetch, int units) {

		int calls(DatasetFeed<?> feed, int instruments) {
			return this.fetch.wholeDay() ? feed.callsPerDay(instruments) : feed.callsPerRange();
		}

	}

}
