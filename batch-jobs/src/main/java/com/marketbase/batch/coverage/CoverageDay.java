package com.marketbase.batch.coverage;

import java.time.LocalDate;

/**
 * One dataset on one calendar day, as {@code market.coverage} counts it.
 *
 * @param dataset the dataset
 * @param day the calendar day
 * @param dayState {@code open}, {@code closed}, or {@code unknown} when the calendar has
 * no row for the day
 * @param instruments instruments of the dataset's asset classes
 * @param complete units owed and complete
 * @param partial units owed and partial
 * @param missing units owed and absent, empty or failed
 * @param suspended instruments suspended that day (not applicable)
 * @param notListed instruments not yet listed that day (not applicable)
 * @param delisted instruments delisted by that day (not applicable)
 * @param inProgress units owed of a session still open (an intraday load)
 */
public record CoverageDay(String dataset, LocalDate day, String dayState, long instruments, long complete, long partial,
		long missing, long suspended, long notListed, long delisted, long inProgress) {

	/**
	 * Units the dataset owes that day: complete, partial, in progress and missing ones.
	 * @return the count
	 */
	public long owed() {
		return this.complete + this.partial + this.missing + this.inProgress;
	}

	/**
	 * The day in one word.
	 * @return {@code closed}, {@code no calendar}, {@code nothing owed},
	 * {@code complete}, {@code partial}, {@code in progress} or {@code missing}
	 */
	public String verdict() {
		if (this.dayState.equals("closed")) {
			return "closed";
		}
		if (!this.dayState.equals("open")) {
			return "no calendar";
		}
		if (owed() == 0) {
			return "nothing owed";
		}
		if (this.missing > 0) {
			return "missing";
		}
		// Today's intraday units are not complete until the evening run.
		if (this.inProgress > 0) {
			return "in progress";
		}
		return (this.partial > 0) ? "partial" : "complete";
	}

	/**
	 * Whether everything owed that day is there, and something was owed.
	 * @return true for a complete open day
	 */
	public boolean isComplete() {
		return verdict().equals("complete");
	}

}
