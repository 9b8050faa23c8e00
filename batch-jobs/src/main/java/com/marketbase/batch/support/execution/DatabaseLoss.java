package com.marketbase.batch.support.execution;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A load that lost its database: telling it from other failures, waiting for the database
 * to answer again, and making an execution that the lost connection left UNKNOWN
 * restartable.
 * <p>
 * Spring Batch marks an execution UNKNOWN when a chunk's transaction could not be rolled
 * back, and refuses to restart it, since the data might not match the checkpoints. In
 * Marketbase the job repository lives in the warehouse database and a chunk's rows, load
 * units and checkpoint commit in one transaction of it: after a lost connection either
 * all of a chunk is there or none of it, so the last committed checkpoint is where the
 * load goes on.
 */
public final class DatabaseLoss {

	private DatabaseLoss() {
	}

	/**
	 * Whether a failure is the database going away: a broken or refused connection, or
	 * the server shutting down.
	 * @param failure the failure
	 * @return whether it is
	 */
	public static boolean caused(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && lostConnection(sql.getSQLState())) {
				return true;
			}
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * Whether an execution failed because its database went away.
	 * @param execution the execution
	 * @return whether it is UNKNOWN, or FAILED with a lost database among its failures
	 */
	public static boolean caused(JobExecution execution) {
		// UNKNOWN is Spring Batch's word for a chunk whose transaction could not even be
		// rolled back: with the repository in the warehouse, a lost connection.
		return execution.getStatus() == BatchStatus.UNKNOWN || (execution.getStatus() == BatchStatus.FAILED
				&& execution.getAllFailureExceptions().stream().anyMatch(DatabaseLoss::caused));
	}

	// 08: connection exception; 57P01..57P03: the server shuts down or is starting.
	private static boolean lostConnection(@Nullable String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P0"));
	}

	/**
	 * Waits until the database answers again.
	 * @param jdbc the database
	 * @param wait how long at most
	 * @return whether it answered in time
	 */
	public static boolean await(JdbcTemplate jdbc, Duration wait) {
		Instant until = Instant.now().plus(wait);
		while (true) {
			try {
				jdbc.queryForObject("select 1", Integer.class);
				return true;
			}
			catch (RuntimeException ex) {
				if (Instant.now().isAfter(until)) {
					return false;
				}
			}
			try {
				Thread.sleep(1_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	/**
	 * Marks an execution that a lost database left UNKNOWN or running, with its steps,
	 * FAILED, so that it can be restarted from its last committed checkpoints. Call it
	 * only when the process that ran it is gone.
	 * @param repository the job repository
	 * @param execution the execution, with its steps
	 * @return the execution, FAILED
	 */
	public static JobExecution markFailed(JobRepository repository, JobExecution execution) {
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(ExitStatus.FAILED.addExitDescription("Its database connection was lost."));
				if (step.getEndTime() == null) {
					step.setEndTime(LocalDateTime.now());
				}
				repository.update(step);
			}
		}
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED.addExitDescription(
				"Its database connection was lost; restart it to go on from its last committed chunk."));
		if (execution.getEndTime() == null) {
			execution.setEndTime(LocalDateTime.now());
		}
		repository.update(execution);
		return execution;
	}

}
