package com.marketbase.console.execution;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One row of the execution list.
 *
 * @param id the execution id
 * @param instanceId the job instance id
 * @param job the job name
 * @param status the batch status
 * @param exitCode the exit code
 * @param startTime when it started
 * @param endTime when it ended
 * @param durationSeconds how long it ran or has been running
 * @param written items written by its steps (partition workers not counted twice)
 * @param parameters its parameters as {@code name=value} pairs
 */
public record ExecutionSummary(long id, long instanceId, String job, String status, @Nullable String exitCode,
		@Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime, @Nullable Long durationSeconds,
		long written, String parameters) {
}
