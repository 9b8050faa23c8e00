package com.marketbase.batch.sandbox;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The SSE/SZSE/BSE trading calendar: weekdays except the announced holidays. Weekend
 * make-up working days (调休) stay closed, as the exchanges announce. Holidays are known
 * for 2024 to 2026; other years have weekdays only.
 */
final class TradingCalendar {

	/** The first day the sandbox has data for. */
	static final LocalDate FIRST = LocalDate.of(2024, 1, 2);

	/** The last day the sandbox has data for. */
	static final LocalDate LAST = LocalDate.of(2026, 12, 31);

	/**
	 * The first day whose session the sandbox knows: December 2023 had no closure but its
	 * weekends, so the first days of 2024 have their previous session.
	 */
	static final LocalDate KNOWN_FROM = LocalDate.of(2023, 12, 1);

	private static final Set<LocalDate> HOLIDAYS = new TreeSet<>(Stream.of(
			// 2024: New Year, Spring Festival, Qingming, Labour Day, Dragon Boat,
			// Mid-Autumn,
			// National Day
			"2024-01-01", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16",
			"2024-04-04", "2024-04-05", "2024-05-01", "2024-05-02", "2024-05-03", "2024-06-10", "2024-09-16",
			"2024-09-17", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07",
			// 2025
			"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03", "2025-02-04",
			"2025-04-04", "2025-05-01", "2025-05-02", "2025-05-05", "2025-06-02", "2025-10-01", "2025-10-02",
			"2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08",
			// 2026
			"2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
			"2026-02-23", "2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25",
			"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07")
		.map(LocalDate::parse)
		.toList());

	private static final List<LocalDate> OPEN_DAYS = openDays(FIRST, LAST);

	private TradingCalendar() {
	}

	static boolean isOpen(LocalDate date) {
		DayOfWeek day = date.getDayOfWeek();
		return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !HOLIDAYS.contains(date);
	}

	static LocalDate previousOpen(LocalDate date) {
		LocalDate day = date.minusDays(1);
		while (!isOpen(day)) {
			day = day.minusDays(1);
		}
		return day;
	}

	/**
	 * The trading days the sandbox has data for, oldest first.
	 * @return 2024-01-02 to 2026-12-31
	 */
	static List<LocalDate> openDays() {
		return OPEN_DAYS;
	}

	/**
	 * The position of a trading day in {@link #openDays()}.
	 * @param date a day
	 * @return its index, or where it would be inserted as {@code -(insertion point) - 1}
	 */
	static int indexOf(LocalDate date) {
		return java.util.Collections.binarySearch(OPEN_DAYS, date);
	}

	/**
	 * Whether the sandbox knows a day's session at all: it knows December 2023 to 2026,
	 * and, like a real source, answers nothing for other days rather than guessing
	 * weekdays.
	 * @param date a day
	 * @return whether the day is from 2023-12-01 to 2026-12-31
	 */
	static boolean knows(LocalDate date) {
		return !date.isBefore(KNOWN_FROM) && !date.isAfter(LAST);
	}

	static List<LocalDate> openDays(LocalDate from, LocalDate to) {
		List<LocalDate> days = new ArrayList<>();
		LocalDate first = from.isBefore(KNOWN_FROM) ? KNOWN_FROM : from;
		LocalDate last = to.isAfter(LAST) ? LAST : to;
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			if (isOpen(day)) {
				days.add(day);
			}
		}
		return days;
	}

}
