package com.marketbase.console.execution;

import java.time.LocalDateTime;
import java.util.List;

import com.marketbase.console.job.Progress;
import com.marketbase.console.job.WorkUnits;
import org.jspecify.annotations.Nullable;

/**
 * Everything the console shows about one execution.
 *
 * @param id the execution id
 * @param instanceId the job instance id
 * @param job the job name
 * @param status the batch status
 * @param exitCode the exit code
 * @param exitDescription the exit description (a failure's stack trace, or a summary)
 * @param createTime when it was created
 * @param startTime when it started
 * @param endTime when it ended
 * @param lastUpdated when the repository last heard of it
 * @param durationSeconds how long it ran or has been running
 * @param identifyingParameters the parameters that name the job instance
 * @param otherParameters the other parameters
 * @param steps its step executions, partitions included
 * @param progress how far it has come, where the job tells
 * @param workUnits its work units by status, where the job tells
 * @param actions what can be done with it now
 * @param dataset the dataset whose coverage the job fills, or {@code null}
 */
public record ExecutionDetail(long id, long instanceId, String job, String status, String exitCode,
		String exitDescription, @Nullable LocalDateTime createTime, @Nullable LocalDateTime startTime,
		@Nullable LocalDateTime endTime, @Nullable LocalDateTime lastUpdated, @Nullable Long durationSeconds,
		List<Parameter> identifyingParameters, List<Parameter> otherParameters, List<StepSummary> steps,
		@Nullable Progress progress, WorkUnits workUnits, Actions actions, @Nullable String dataset) {

	/**
	 * A job parameter.
	 *
	 * @param name its name
	 * @param type its Java type, for example {@code LocalDate}
	 * @param value its value as text
	 */
	public record Parameter(String name, String type, String value) {
	}

	/**
	 * One step execution with its counts.
	 *
	 * @param id the step execution id
	 * @param name the step name
	 * @param status the batch status
	 * @param exitCode the exit code
	 * @param exitDescription the exit description
	 * @param read items read
	 * @param written items written
	 * @param filtered items filtered
	 * @param readSkips items skipped on read
	 * @param processSkips items skipped in processing
	 * @param writeSkips items skipped on write
	 * @param commits chunks committed
	 * @param rollbacks chunks rolled back
	 * @param startTime when it started
	 * @param endTime when it ended
	 * @param durationSeconds how long it ran or has been running
	 */
	public record StepSummary(long id, String name, String status, String exitCode, String exitDescription, long read,
			long written, long filtered, long readSkips, long processSkips, long writeSkips, long commits,
			long rollbacks, @Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime,
			@Nullable Long durationSeconds) {
	}

	/**
	 * The actions an operator may take on the execution in its present state.
	 *
	 * @param restart it failed or stopped and its job is defined here
	 * @param stop it is running
	 * @param abandon it failed or stopped
	 * @param recover it is left running by a process that is gone
	 */
	public record Actions(boolean restart, boolean stop, boolean abandon, boolean recover) {
	}

}
