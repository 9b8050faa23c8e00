package com.marketbase.batch.gate;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the gate found.
 *
 * @param asOf the last day judged
 * @param required the clean days each batch needs
 * @param replay whether the warehouse was read as it stood at the end of {@code asOf}
 * @param batches every batch, in the configured order
 */
public record GateReport(LocalDate asOf, int required, boolean replay, List<Batch> batches) {

	public GateReport {
		batches = List.copyOf(batches);
	}

	/**
	 * Whether every batch has the clean days it needs.
	 * @return true when the gate is open
	 */
	public boolean passed() {
		return this.batches.stream().allMatch(Batch::passed);
	}

	/**
	 * One batch: its count is the least of its known datasets' counts.
	 *
	 * @param name the batch
	 * @param cleanDays consecutive clean trading days, 0 when no dataset is known
	 * @param passed whether that reaches the required days
	 * @param datasets every dataset of the batch
	 */
	public record Batch(String name, int cleanDays, boolean passed, List<DatasetDays> datasets) {

		public Batch {
			datasets = List.copyOf(datasets);
		}

	}

	/**
	 * One dataset.
	 *
	 * @param dataset the dataset
	 * @param known whether {@code market.datasets} has it; an unknown one does not count
	 * @param cleanDays consecutive clean trading days up to the date
	 * @param brokenDay the newest day that was not clean, or {@code null} when every day
	 * looked at was
	 * @param reason why that day was not clean, or what was looked at
	 */
	public record DatasetDays(String dataset, boolean known, int cleanDays, @Nullable LocalDate brokenDay,
			String reason) {

	}

}
