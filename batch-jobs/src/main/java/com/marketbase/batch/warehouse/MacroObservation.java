package com.marketbase.batch.warehouse;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One figure of a macro series as the source sent it, with the day it became known.
 *
 * @param series the series, for example {@code cn_cpi}
 * @param periodDate the last day of the period it measures (the day itself for a daily
 * series)
 * @param period the period as the source labels it: {@code 2024Q1}, {@code 202403} or
 * {@code 20240315}
 * @param figures every column of the row but the period, as a JSON object
 * @param availableDate the day it became known, or {@code null} until the feed sets it
 * @param availableFrom {@code calendar} or {@code lag_rule}, or {@code null} until set
 */
public record MacroObservation(String series, LocalDate periodDate, String period, String figures,
		@Nullable LocalDate availableDate, @Nullable String availableFrom) {

	/**
	 * The same figure with the day it became known.
	 * @param day the day
	 * @param from how the day was found
	 * @return the figure
	 */
	public MacroObservation availableOn(LocalDate day, String from) {
		return new MacroObservation(this.series, this.periodDate, this.period, this.figures, day, from);
	}

}
