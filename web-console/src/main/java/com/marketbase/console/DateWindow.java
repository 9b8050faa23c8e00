package com.marketbase.console;

import java.time.LocalDate;
import java.time.ZoneId;

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

}
