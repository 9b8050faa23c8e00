package com.marketbase.batch.support.launch;

import java.util.List;

/**
 * The dates a careless user or an attacker types, which every date input refuses: before
 * 4713 BC (PostgreSQL's -infinity), past year 9999, the extremes of {@code LocalDate},
 * and days outside the window of 1990 to a year after today.
 */
public final class BadDates {

	public static final List<String> ALL = List.of("-4800-01-01", "+999999999-12-31", "-999999999-01-01", "1989-12-31",
			"2099-01-01", "20991231", "0000-01-01");

	private BadDates() {
	}

}
