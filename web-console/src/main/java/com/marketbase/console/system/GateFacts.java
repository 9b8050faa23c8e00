package com.marketbase.console.system;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The phase gate, offered to the console by the application, which judges it: per batch
 * and dataset, the consecutive clean trading days up to a date.
 */
public interface GateFacts {

	/**
	 * Judges every batch.
	 * @param days the clean days a batch needs
	 * @param asOf the last day judged, or {@code null} for today
	 * @return the gate
	 * @throws IllegalArgumentException with one sentence when {@code days} or
	 * {@code asOf} is out of bounds
	 */
	Gate gate(int days, @Nullable LocalDate asOf);

	/**
	 * The gate.
	 *
	 * @param asOf the last day judged
	 * @param required the clean days each batch needs
	 * @param replay whether the warehouse was read as it stood at the end of {@code asOf}
	 * @param passed whether every batch has its days
	 * @param batches every batch
	 */
	record Gate(LocalDate asOf, int required, boolean replay, boolean passed, List<Batch> batches) {

		public Gate {
			batches = List.copyOf(batches);
		}

	}

	/**
	 * One batch.
	 *
	 * @param name the batch
	 * @param cleanDays the least clean days of its known datasets
	 * @param passed whether that reaches the required days
	 * @param datasets its datasets
	 */
	record Batch(String name, int cleanDays, boolean passed, List<Dataset> datasets) {

		public Batch {
			datasets = List.copyOf(datasets);
		}

	}

	/**
	 * One dataset.
	 *
	 * @param dataset the dataset
	 * @param known whether the warehouse has it; an unknown one does not count
	 * @param cleanDays consecutive clean trading days
	 * @param brokenDay the newest day that was not clean, if any
	 * @param reason why that day was not clean, or what was looked at
	 */
	record Dataset(String dataset, boolean known, int cleanDays, @Nullable LocalDate brokenDay, String reason) {
	}

}
