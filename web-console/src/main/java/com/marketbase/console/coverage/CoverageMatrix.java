package com.marketbase.console.coverage;

import java.util.List;

/**
 * Coverage of some datasets over a range of days, compact enough for ten years: one row
 * of cells per dataset, one cell per calendar day.
 *
 * @param from the first day
 * @param to the last day
 * @param days the days, ISO dates
 * @param datasets the datasets with their cells, by name
 */
public record CoverageMatrix(String from, String to, List<String> days, List<Row> datasets) {

	/**
	 * One dataset's days.
	 *
	 * @param dataset the dataset
	 * @param description what it holds
	 * @param cells one per day, in the order of {@code days}
	 * @param verdicts how many days had each verdict
	 */
	public record Row(String dataset, String description, List<Cell> cells, java.util.Map<String, Integer> verdicts) {
	}

	/**
	 * One dataset on one day.
	 *
	 * @param verdict {@code complete}, {@code partial}, {@code missing},
	 * {@code nothing owed}, {@code closed} or {@code no calendar}
	 * @param complete units complete
	 * @param partial units partial
	 * @param missing units absent, empty or failed
	 * @param suspended instruments suspended (not applicable)
	 * @param notListed instruments not yet listed (not applicable)
	 * @param delisted instruments delisted (not applicable)
	 */
	public record Cell(String verdict, long complete, long partial, long missing, long suspended, long notListed,
			long delisted) {
	}

}
