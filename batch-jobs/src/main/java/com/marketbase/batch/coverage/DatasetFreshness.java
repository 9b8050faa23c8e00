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
 */
public record DatasetFreshness(String dataset, @Nullable LocalDate expectedDay, @Nullable CoverageDay coverage,
		@Nullable LocalDate lastCompleteDay, @Nullable String problem) {

	public boolean isFresh() {
		return this.problem == null;
	}

}
