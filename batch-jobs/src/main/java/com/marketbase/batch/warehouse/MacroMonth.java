package com.marketbase.batch.warehouse;

import java.time.LocalDate;
import java.util.List;

/**
 * What a macro series owes for one month: the month's figure, the quarter's at a
 * quarter's end, or each day's for a daily series.
 *
 * @param series the series
 * @param monthEnd the month's last day
 * @param figures the figures, oldest first
 */
public record MacroMonth(String series, LocalDate monthEnd, List<MacroObservation> figures) {

	public MacroMonth {
		figures = List.copyOf(figures);
	}

}
