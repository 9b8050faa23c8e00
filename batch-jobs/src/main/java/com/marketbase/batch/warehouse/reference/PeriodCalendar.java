package com.marketbase.batch.warehouse.reference;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Calendars of report periods rather than sessions: a day is "open" when a period ends on
 * it, so that a dataset owing one row per period (a quarter's financial indicators, a
 * month's macro figures) uses the same units, coverage and gap healing as one owing a row
 * per trading day. No source publishes these; they are computed.
 */
public final class PeriodCalendar {

	/** Open on the last day of each quarter. */
	public static final String QUARTERS = "QUARTER";

	/** Open on the last day of each month. */
	public static final String MONTHS = "MONTH";

	private PeriodCalendar() {
	}

	/**
	 * Every day of a window, open where a period of the calendar ends.
	 * @param exchange {@link #QUARTERS} or {@link #MONTHS}
	 * @param start the first day
	 * @param end the last day
	 * @return the days
	 */
	public static List<TradingDay> days(String exchange, LocalDate start, LocalDate end) {
		int months = switch (exchange) {
			case QUARTERS -> 3;
			case MONTHS -> 1;
			default -> throw new IllegalArgumentException("not a period calendar: " + exchange);
		};
		List<TradingDay> days = new ArrayList<>();
		LocalDate previous = periodEndBefore(start, months);
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			boolean open = day.equals(day.with(TemporalAdjusters.lastDayOfMonth()))
					&& day.getMonthValue() % months == 0;
			days.add(new TradingDay(exchange, day, open, previous));
			if (open) {
				previous = day;
			}
		}
		return days;
	}

	private static LocalDate periodEndBefore(LocalDate day, int months) {
		LocalDate end = day.withDayOfMonth(1).minusDays(1);
		while (end.getMonthValue() % months != 0) {
			end = end.withDayOfMonth(1).minusDays(1);
		}
		return end;
	}

}
