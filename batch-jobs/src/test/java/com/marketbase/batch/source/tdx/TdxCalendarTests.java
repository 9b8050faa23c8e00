package com.marketbase.batch.source.tdx;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.marketbase.batch.warehouse.reference.TradingDay;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the gateway's list of open days becomes calendar days: holidays closed, a hole in
 * the gateway's store unknown.
 */
class TdxCalendarTests {

	private static final LocalDate FROM = LocalDate.of(2026, 1, 26);

	private static final LocalDate START = LocalDate.of(2026, 2, 23);

	private static final LocalDate END = LocalDate.of(2026, 3, 31);

	@Test
	void readsTheDaysAfterTheLastOpenDayAsClosedOnlyWhenALaterOpenDayWasReported() {
		// The window ends on a Sunday; the gateway knows the Monday after it.
		LocalDate sunday = LocalDate.of(2026, 3, 29);
		List<LocalDate> reported = weekdays(FROM, LocalDate.of(2026, 3, 30));

		List<TradingDay> known = TdxClient.calendarOf("SSE", FROM, START, sunday, reported);
		List<TradingDay> notYet = TdxClient.calendarOf("SSE", FROM, START, sunday,
				weekdays(FROM, LocalDate.of(2026, 3, 27)));

		assertThat(known).last().isEqualTo(new TradingDay("SSE", sunday, false, LocalDate.of(2026, 3, 27)));
		assertThat(notYet).last().extracting(TradingDay::date).isEqualTo(LocalDate.of(2026, 3, 27));
	}

	@Test
	void readsMissingWeekdaysAsClosedUpToTheLongestClosure() {
		// Eight weekdays missing, one more than any closure so far: still a holiday.
		List<LocalDate> reported = weekdaysWithout(FROM, END, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 11));

		List<TradingDay> days = TdxClient.calendarOf("SSE", FROM, START, END, reported);

		assertThat(days).extracting(TradingDay::date)
			.containsExactlyElementsOf(START.datesUntil(END.plusDays(1)).toList());
		assertThat(days)
			.filteredOn((day) -> day.date().isAfter(LocalDate.of(2026, 2, 27))
					&& day.date().isBefore(LocalDate.of(2026, 3, 12)))
			.allSatisfy((day) -> assertThat(day.open()).isFalse());
		assertThat(day(days, LocalDate.of(2026, 3, 12)))
			.isEqualTo(new TradingDay("SSE", LocalDate.of(2026, 3, 12), true, LocalDate.of(2026, 2, 27)));
	}

	@Test
	void leavesOutARunOfMissingWeekdaysLongerThanAnyClosure() {
		// Nine weekdays missing: no closure was ever so long, so the gateway lacks them.
		List<LocalDate> reported = weekdaysWithout(FROM, END, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 12));

		List<TradingDay> days = TdxClient.calendarOf("SSE", FROM, START, END, reported);

		assertThat(days).extracting(TradingDay::date)
			.doesNotContainAnyElementsOf(LocalDate.of(2026, 2, 28).datesUntil(LocalDate.of(2026, 3, 13)).toList())
			.contains(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 13), END);
		assertThat(day(days, LocalDate.of(2026, 2, 27)).open()).isTrue();
		assertThat(day(days, LocalDate.of(2026, 3, 13)))
			.isEqualTo(new TradingDay("SSE", LocalDate.of(2026, 3, 13), true, null));
		assertThat(day(days, LocalDate.of(2026, 3, 14)))
			.isEqualTo(new TradingDay("SSE", LocalDate.of(2026, 3, 14), false, LocalDate.of(2026, 3, 13)));
		assertThat(day(days, LocalDate.of(2026, 3, 16)).previousOpen()).isEqualTo(LocalDate.of(2026, 3, 13));
	}

	@Test
	void leavesOutALongRunAtTheStartOfTheWindowToo() {
		// The gateway's store begins on 2026-02-26, weeks after the window's first day.
		List<LocalDate> reported = weekdays(LocalDate.of(2026, 2, 26), END);

		List<TradingDay> days = TdxClient.calendarOf("SSE", FROM, START, END, reported);

		assertThat(days.get(0)).isEqualTo(new TradingDay("SSE", LocalDate.of(2026, 2, 26), true, null));
		assertThat(days.get(days.size() - 1).date()).isEqualTo(END);
	}

	@Test
	void knowsNoDayAfterTheLastOpenDayListed() {
		List<LocalDate> reported = weekdays(FROM, LocalDate.of(2026, 3, 20));

		List<TradingDay> days = TdxClient.calendarOf("SSE", FROM, START, END, reported);

		assertThat(days.get(0)).isEqualTo(new TradingDay("SSE", START, true, LocalDate.of(2026, 2, 20)));
		assertThat(days.get(days.size() - 1).date()).isEqualTo(LocalDate.of(2026, 3, 20));
		assertThat(TdxClient.calendarOf("SSE", FROM, START, END, List.of())).isEmpty();
	}

	// Every weekday from first to last open: the holidays do not matter here.
	private static List<LocalDate> weekdays(LocalDate first, LocalDate last) {
		Set<DayOfWeek> weekend = Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
		return first.datesUntil(last.plusDays(1)).filter((day) -> !weekend.contains(day.getDayOfWeek())).toList();
	}

	private static List<LocalDate> weekdaysWithout(LocalDate first, LocalDate last, LocalDate missingFrom,
			LocalDate missingTo) {
		return weekdays(first, last).stream()
			.filter((day) -> day.isBefore(missingFrom) || day.isAfter(missingTo))
			.toList();
	}

	private static TradingDay day(List<TradingDay> days, LocalDate date) {
		return days.stream().filter((day) -> day.date().equals(date)).findFirst().orElseThrow();
	}

}
