package com.marketbase.batch.support.launch;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.marketbase.batch.warehouse.reference.MarketReference;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * The open days of a launch, settled before anything runs: a day the exchange's calendar
 * does not know, in the warehouse nor at the launch's source, is refused, and a plan of
 * more source calls than the configured ceiling asks for {@code force=true}. Without
 * these a launch for 2099 plans thousands of calls that all come back empty and ends
 * COMPLETED.
 */
public final class LaunchCalendar {

	private final MarketReference reference;

	public LaunchCalendar(MarketReference reference) {
		this.reference = reference;
	}

	/**
	 * The open days from one day to another, taking the window's calendar from the source
	 * where the warehouse does not know it yet.
	 * @param exchange the calendar, for example {@code SSE}
	 * @param source the launch's source, for the message
	 * @param first the first day
	 * @param last the last day
	 * @param calendar reads a window of the calendar from the launch's source
	 * @return the open days, oldest first
	 * @throws IllegalArgumentException when a day of the window is known to neither
	 */
	public List<LocalDate> openDays(String exchange, String source, LocalDate first, LocalDate last,
			BiFunction<LocalDate, LocalDate, List<TradingDay>> calendar) {
		if (this.reference.calendarCovers(exchange, first, last)) {
			return this.reference.openDays(exchange, first, last);
		}
		// Read, not stored: a launch that is refused, or fails later, leaves the
		// warehouse
		// as it was; the load's own first step stores the calendar it uses.
		Map<LocalDate, Boolean> days = this.reference.calendarDays(exchange, first, last);
		for (TradingDay day : calendar.apply(first, last)) {
			if (day.exchange().equals(exchange) && !day.date().isBefore(first) && !day.date().isAfter(last)) {
				days.put(day.date(), day.open());
			}
		}
		List<LocalDate> unknown = first.datesUntil(last.plusDays(1)).filter((day) -> !days.containsKey(day)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("The " + exchange + " calendar (from " + source + ") does not know "
					+ unknown.size() + " day(s) from " + unknown.get(0) + " to " + unknown.get(unknown.size() - 1)
					+ "; give days it knows" + known(exchange) + ".");
		}
		return days.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
	}

	private String known(String exchange) {
		MarketReference.CalendarSpan span = this.reference.calendarSpan(exchange);
		return (span == null) ? "" : " (" + span.first() + " to " + span.last() + ")";
	}

	/**
	 * Refuses a plan of more source calls than the ceiling unless the launch was forced.
	 * @param job the job, for the message
	 * @param calls the calls the plan makes at most
	 * @param ceiling the configured ceiling; 0 or less for none
	 * @param forced whether the launch says {@code force=true}
	 * @throws IllegalArgumentException naming the calls and the ceiling
	 */
	public static void checkCalls(String job, long calls, int ceiling, boolean forced) {
		if (ceiling > 0 && calls > ceiling && !forced) {
			throw new IllegalArgumentException(job + " would make up to " + calls + " source calls, more than the "
					+ ceiling + " a launch makes without asking; add force=true to go ahead, or ask for fewer days "
					+ "or symbols.");
		}
	}

}
