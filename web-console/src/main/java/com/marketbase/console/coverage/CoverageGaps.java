package com.marketbase.console.coverage;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The instruments behind one dataset's partial or missing day.
 *
 * @param dataset the dataset
 * @param day the day
 * @param cell the day's counts
 * @param gaps up to {@code limit} instruments, missing ones first
 * @param total how many instruments are behind the day in all
 */
public record CoverageGaps(String dataset, String day, CoverageMatrix.Cell cell, List<Gap> gaps, long total) {

	/**
	 * One instrument.
	 *
	 * @param symbol the instrument
	 * @param name its name
	 * @param status {@code partial}, {@code empty}, {@code failed} or {@code missing}
	 * @param rowsLoaded rows the load stored, if it ran
	 * @param rowsExpected rows it expected, if it ran
	 * @param reason what the load recorded or the failed work unit's last error
	 * @param quarantined whether its failed work unit is quarantined
	 */
	public record Gap(String symbol, String name, String status, @Nullable Integer rowsLoaded,
			@Nullable Integer rowsExpected, @Nullable String reason, boolean quarantined) {
	}

}
