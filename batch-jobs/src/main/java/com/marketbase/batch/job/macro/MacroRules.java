package com.marketbase.batch.job.macro;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * How a macro figure's available day is found, under {@code marketbase.jobs.macro.*}.
 *
 * @param calendarEvents per series, a word of its release's name on the economic
 * calendar; a series without one (the daily ones) always takes its lag
 * @param publicationLagDays per series, the days after its period a figure is taken to be
 * known when the calendar does not list its release: upper ends of the publishers'
 * habits, so that a figure is never taken as known before it was
 * @param calendarCountry the country as the economic calendar names it
 * @param calendarCurrency the currency the calendar is asked for
 */
record MacroRules(Map<String, String> calendarEvents, Map<String, Integer> publicationLagDays, String calendarCountry,
		String calendarCurrency) {

	/**
	 * NBS releases CPI and PPI on the 9th to the 15th of the next month and a quarter's
	 * GDP by the 20th or so of the next; PBOC money supply by the 15th, at times later;
	 * Shibor at 11:00 and the loan prime rate at 09:15 on their own day; US Treasury
	 * yields at the end of the US day, the next day in Beijing.
	 */
	static final Map<String, Integer> LAGS = Map.of("cn_gdp", 25, "cn_cpi", 16, "cn_ppi", 16, "cn_m", 20, "shibor", 0,
			"shibor_lpr", 0, "us_tycr", 1);

	static final Map<String, String> EVENTS = Map.of("cn_gdp", "GDP", "cn_cpi", "CPI", "cn_ppi", "PPI", "cn_m", "M2");

	MacroRules {
		Map<String, String> events = new HashMap<>(EVENTS);
		if (calendarEvents != null) {
			events.putAll(calendarEvents);
		}
		calendarEvents = Map.copyOf(events);
		Map<String, Integer> lags = new HashMap<>(LAGS);
		if (publicationLagDays != null) {
			lags.putAll(publicationLagDays);
		}
		publicationLagDays = Map.copyOf(lags);
		if (calendarCountry == null || calendarCountry.isBlank()) {
			calendarCountry = "中国";
		}
		if (calendarCurrency == null || calendarCurrency.isBlank()) {
			calendarCurrency = "CNY";
		}
	}

	static MacroRules of(Environment environment) {
		return Binder.get(environment)
			.bind("marketbase.jobs.macro", MacroRules.class)
			.orElseGet(() -> new MacroRules(null, null, null, null));
	}

	/**
	 * A series' lag. A key written {@code publication-lag-days.cn_gdp} reaches the binder
	 * as {@code cngdp} (only {@code [cn_gdp]} keeps the underscore), so both are read.
	 */
	int lag(String series) {
		Integer lag = this.publicationLagDays.get(series.replace("_", ""));
		if (lag == null) {
			lag = this.publicationLagDays.get(series);
		}
		return (lag != null) ? lag : 0;
	}

	/**
	 * A series' word on the economic calendar, read like {@link #lag(String)}.
	 * @param series the series
	 * @return the word, or {@code null} for a series the calendar does not date
	 */
	String event(String series) {
		String word = this.calendarEvents.get(series.replace("_", ""));
		return (word != null) ? word : this.calendarEvents.get(series);
	}

}
