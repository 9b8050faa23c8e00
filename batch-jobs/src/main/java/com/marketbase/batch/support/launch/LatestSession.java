package com.marketbase.batch.support.launch;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.BiFunction;

import com.marketbase.batch.warehouse.reference.MarketReference;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * The day a launch without a date loads: the last open day of a calendar whose data is
 * out by now in Beijing, taking the calendar of the last month from the source where the
 * warehouse does not know it yet.
 */
public final class LatestSession {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private final MarketReference reference;

	public LatestSession(MarketReference reference) {
		this.reference = reference;
	}

	/**
	 * The last open day whose data is out.
	 * @param exchange the calendar
	 * @param out the Beijing time from which a day's data is out
	 * @param calendar reads a window of the calendar from the launch's source
	 * @return the day
	 * @throws IllegalArgumentException when the calendar has no open day in the last 30
	 */
	public LocalDate day(String exchange, LocalTime out, BiFunction<LocalDate, LocalDate, List<TradingDay>> calendar) {
		return day(exchange, out, 0, calendar);
	}

	/**
	 * The last open day whose data is out, for data that comes out days after its day.
	 * @param exchange the calendar
	 * @param out the Beijing time from which a day's data is out
	 * @param daysLater how many days after its day the data comes out
	 * @param calendar reads a window of the calendar from the launch's source
	 * @return the day
	 * @throws IllegalArgumentException when the calendar has no open day in the last 30
	 */
	public LocalDate day(String exchange, LocalTime out, int daysLater,
			BiFunction<LocalDate, LocalDate, List<TradingDay>> calendar) {
		LocalDate latest = lastDayOut(out, daysLater);
		LocalDate from = latest.minusDays(30);
		LocalDate day = this.reference.lastOpenDay(exchange, latest);
		if (!this.reference.calendarCovers(exchange, from, latest)) {
			// Read, not stored: the load's own first step stores the calendar it uses.
			LocalDate known = day;
			day = calendar.apply(from, latest)
				.stream()
				.filter((candidate) -> candidate.exchange().equals(exchange) && candidate.open()
						&& !candidate.date().isAfter(latest))
				.map(TradingDay::date)
				.max(LocalDate::compareTo)
				.orElse(known);
		}
		if (day == null) {
			throw new IllegalArgumentException(
					"The calendar has no trading day in the 30 days up to " + latest + "; give trade_date=YYYY-MM-DD.");
		}
		return day;
	}

	/**
	 * The last calendar day whose data is out by now in Beijing.
	 * @param out the Beijing time from which a day's data is out
	 * @param daysLater how many days after its day the data comes out
	 * @return the day
	 */
	public static LocalDate lastDayOut(LocalTime out, int daysLater) {
		ZonedDateTime now = ZonedDateTime.now(BEIJING);
		LocalDate today = now.toLocalTime().isBefore(out) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
		return today.minusDays(daysLater);
	}

}
