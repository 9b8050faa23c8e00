package com.marketbase.batch.support.launch;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;

/**
 * A job's account of an execution's work, from what every process running it stored: how
 * far it has come, and its work units by status.
 */
public interface JobWork {

	/** How many failed units are listed. */
	int FAILED_SHOWN = 100;

	/**
	 * The work of a job that has no units to tell of (a snapshot, a maintenance run).
	 * @return work with no progress and no units
	 */
	static JobWork none() {
		return new JobWork() {
			@Override
			public Optional<Progress> progress(JobExecution execution) {
				return Optional.empty();
			}

			@Override
			public Units units(JobExecution execution) {
				return Units.none();
			}
		};
	}

	/**
	 * How far an execution has come.
	 * @param execution the execution, as loaded from the repository
	 * @return the progress, empty while the job does not know its work yet
	 */
	Optional<Progress> progress(JobExecution execution);

	/**
	 * The execution's work units by status, with the failed ones and their last error.
	 * @param execution the execution
	 * @return the units
	 */
	Units units(JobExecution execution);

	/**
	 * How far an execution has come.
	 *
	 * @param unitsDone work units done, by this and earlier executions of the job
	 * instance
	 * @param unitsTotal work units of the job instance
	 * @param rows rows written by this execution
	 * @param rowsPerSecond rows written per second by this execution
	 * @param eta the time left at the current pace, or {@code null} when it cannot be
	 * told
	 */
	record Progress(long unitsDone, long unitsTotal, long rows, double rowsPerSecond, @Nullable Duration eta) {
	}

	/**
	 * Work units by status.
	 *
	 * @param counts units per status, in reading order (complete, partial, suspended,
	 * empty, failed, pending or waiting for quota)
	 * @param failed the failed units with their last error, at most {@link #FAILED_SHOWN}
	 */
	record Units(Map<String, Long> counts, List<FailedUnit> failed) {

		public Units {
			counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
			failed = List.copyOf(failed);
		}

		public static Units none() {
			return new Units(Map.of(), List.of());
		}

	}

	/**
	 * A failed work unit.
	 *
	 * @param unit what it covers, for example a symbol or an exchange
	 * @param day the day it covers, if any
	 * @param error the last error
	 */
	record FailedUnit(String unit, @Nullable LocalDate day, @Nullable String error) {
	}

}
