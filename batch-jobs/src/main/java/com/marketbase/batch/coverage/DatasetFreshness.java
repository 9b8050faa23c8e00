package com.marketbase.batch.coverage;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Whether a dataset's last expected trading day is complete.
 *
 * @param dataset the dataset
 * @param expectedDay the latest open day whose data is due, or {@code null} when the
 * calendar cannot say
 * @param coverage that day's coverage, or {@code null} without an expected day
 * @param lastCompleteDay the latest complete open day within the look-back, or
 * {@code null}
 * @param problem why the dataset is not fresh, or {@code null} when it is
 * @param switchedOff the rollout switch that keeps the dataset from loading, or
 * {@code null}; a switched-off dataset owes nothing by now and is not judged
 */
public record DatasetFreshness(String dataset, @Nullable LocalDate expectedDay, @Nullable CoverageDay coverage,
		@Nullable LocalDate lastCompleteDay, @Nullable String problem, @Nullable String switchedOff) {

	public boolean isFresh() {
		return this.problem == null;
	}

	/**
	 * Whether a rollout switch keeps the dataset from loading, so that it is not judged.
	 * @return true when switched off
	 */
	public boolean isSwitchedOff() {
		return this.switchedOff != null;
	}

}
