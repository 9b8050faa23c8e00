package com.marketbase.batch.quality;

import java.time.LocalDate;

/**
 * What a rule found wrong with one loaded row.
 *
 * @param rule the rule, for example {@code limit_band}
 * @param dataset the dataset the row belongs to
 * @param symbol the instrument
 * @param day the trading day
 * @param severity {@code blocking} (the row is wrong) or {@code warning} (it may be)
 * @param detail the values, in a sentence
 */
public record Finding(String rule, String dataset, String symbol, LocalDate day, String severity, String detail) {

	/** A finding that makes {@code check} fail. */
	public static final String BLOCKING = "blocking";

	public boolean blocking() {
		return BLOCKING.equals(this.severity);
	}

}
