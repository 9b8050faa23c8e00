package com.marketbase.console.job;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How far an execution has come.
 *
 * @param unitsDone work units done, by this and earlier executions of the job instance
 * @param unitsTotal work units of the job instance
 * @param rows rows written by this execution
 * @param rowsPerSecond rows written per second by this execution
 * @param etaSeconds the seconds left at the current pace, {@code null} when it cannot be
 * told yet
 * @param percent the share done, 0 to 100
 */
public record Progress(long unitsDone, long unitsTotal, long rows, double rowsPerSecond, @Nullable Long etaSeconds,
		double percent) {

	/**
	 * Progress from the counts.
	 * @param unitsDone work units done
	 * @param unitsTotal work units in all
	 * @param rows rows written by this execution
	 * @param rowsPerSecond its rate
	 * @param eta the time left, or {@code null}
	 * @return the progress
	 */
	public static Progress of(long unitsDone, long unitsTotal, long rows, double rowsPerSecond,
			@Nullable Duration eta) {
		double percent = (unitsTotal > 0) ? Math.min(100.0, 100.0 * unitsDone / unitsTotal) : 0;
		return new Progress(unitsDone, unitsTotal, rows, rowsPerSecond, (eta != null) ? eta.toSeconds() : null,
				percent);
	}

}
