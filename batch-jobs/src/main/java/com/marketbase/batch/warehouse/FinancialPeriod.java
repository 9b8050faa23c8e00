package com.marketbase.batch.warehouse;

import java.time.LocalDate;
import java.util.List;

/**
 * Every version the source sent of one stock's report period, exact repeats once: the
 * unit the warehouse owes per stock and period.
 *
 * @param symbol the stock
 * @param periodEnd the last day of the period
 * @param versions the versions, newest announcement first
 */
public record FinancialPeriod(String symbol, LocalDate periodEnd, List<FinancialReport> versions) {

	public FinancialPeriod {
		versions = List.copyOf(versions);
	}

}
