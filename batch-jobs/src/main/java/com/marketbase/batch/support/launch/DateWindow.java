package com.marketbase.batch.support.launch;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The days a person may name anywhere: from 1990-01-01, before the first Chinese exchange
 * opened, to a year after today in Beijing. A wider day is a typing mistake, and one far
 * enough out (before 4713 BC, or past year 9999) reaches PostgreSQL as {@code -infinity}
 * or overflows, where a day series over it never ends.
 */
public final class DateWindow {

	/** The first day any launch, check or query may name. */
	public static final LocalDate FIRST = LocalDate.of(1990, 1, 1);

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private DateWindow() {
	}

	/**
	 * The last day any launch, check or query may name: a year after today in Beijing.
	 * @return the day
	 */
	public static LocalDate last() {
		return LocalDate.now(BEIJING).plusYears(1);
	}

	/**
	 * Refuses a day outside the window.
	 * @param name the parameter, for the message
	 * @param day the day
	 * @return the day
	 * @throws IllegalArgumentException naming the parameter and the window
	 */
	public static LocalDate check(String name, LocalDate day) {
		LocalDate last = last();
		if (day.isBefore(FIRST) || day.isAfter(last)) {
			throw new IllegalArgumentException(name + " " + day
					+ " is outside the days Marketbase knows; give a day from " + FIRST + " to " + last + ".");
		}
		return day;
	}

}
