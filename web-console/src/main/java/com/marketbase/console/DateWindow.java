package com.marketbase.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * The days the API takes in any filter: from 1990-01-01 to a year after today in Beijing,
 * as the batch jobs take them. A day far outside (before 4713 BC, say) would reach
 * PostgreSQL as {@code -infinity}, where a day series never ends.
 */
public final class DateWindow {

	/** The first day any request may name. */
	public static final LocalDate FIRST = LocalDate.of(1990, 1, 1);

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private DateWindow() {
	}

	/**
	 * Refuses a day outside the window with a 400 naming the field.
	 * @param field the request parameter
	 * @param day the day, or {@code null} when it was not given
	 * @return the day
	 * @throws InvalidInputException naming the field and the window
	 */
	public static @Nullable LocalDate check(String field, @Nullable LocalDate day) {
		LocalDate last = LocalDate.now(BEIJING).plusYears(1);
		if (day != null && (day.isBefore(FIRST) || day.isAfter(last))) {
			throw new InvalidInputException(field, field + " " + day
					+ " is outside the days the console knows; give a day from " + FIRST + " to " + last + ".");
		}
		return day;
	}

	/**
	 * Checks a range of days a page asks for: both days in the window, in order, and at
	 * most so many days long.
	 * @param from the first day
	 * @param to the last day
	 * @param maxDays the most days the range may hold
	 * @param what what is shown, for the message, for example {@code Coverage}
	 * @throws InvalidInputException naming {@code from} or {@code to}
	 */
	public static void checkRange(LocalDate from, LocalDate to, long maxDays, String what) {
		check("from", from);
		check("to", to);
		if (to.isBefore(from)) {
			throw new InvalidInputException("to", "to " + to + " is before from " + from + ".");
		}
		long days = ChronoUnit.DAYS.between(from, to) + 1;
		if (days > maxDays) {
			throw new InvalidInputException("to",
					what + " can be shown for at most " + maxDays + " days at once, not " + days + ".");
		}
	}

}
