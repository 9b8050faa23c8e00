package com.marketbase.console.action;

import java.util.Map;

import com.marketbase.console.execution.ExecutionDetails;
import com.marketbase.console.job.InvalidLaunchException;
import com.marketbase.console.job.JobCatalog;
import com.marketbase.console.job.JobFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;

/**
 * The operator's actions on executions, each checked against the execution's state first
 * so that a refusal says why in the words of the console.
 */
public class ExecutionActions {

	private static final Logger logger = LoggerFactory.getLogger(ExecutionActions.class);

	private final JobOperator operator;

	private final ExecutionDetails details;

	private final JobCatalog catalog;

	private final ExecutionRecovery recovery;

	/**
	 * Creates the actions.
	 * @param operator an operator that launches on its own threads, so that restart and
	 * launch return at once
	 * @param details where executions are loaded
	 * @param catalog the jobs of this process
	 */
	public ExecutionActions(JobOperator operator, ExecutionDetails details, JobCatalog catalog,
			ExecutionRecovery recovery) {
		this.recovery = recovery;
		this.operator = operator;
		this.details = details;
		this.catalog = catalog;
	}

	public ActionResult restart(long id, String user) {
		JobExecution execution = this.details.load(id);
		String jobName = execution.getJobInstance().getJobName();
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			throw new ActionConflictException("Execution " + id + " completed; there is nothing to restart.");
		}
		if (status == BatchStatus.ABANDONED) {
			throw new ActionConflictException("Execution " + id + " was abandoned and cannot be restarted.");
		}
		if (status == BatchStatus.UNKNOWN) {
			throw new ActionConflictException("Execution " + id + " is UNKNOWN (its database connection was lost, "
					+ "most likely); recover it first, then restart it.");
		}
		if (execution.isRunning() || status == BatchStatus.STOPPING) {
			throw new ActionConflictException("Execution " + id + " is " + status + "; stop it first, or recover it "
					+ "if the process running it is gone.");
		}
		if (this.catalog.job(jobName).isEmpty()) {
			throw new ActionConflictException(
					"Execution " + id + " belongs to job '" + jobName + "', which this server does not define.");
		}
		this.catalog.facts(jobName).ifPresent((facts) -> facts.checkRestart(execution.getJobParameters()));
		try {
			JobExecution restarted = this.operator.restart(execution);
			logger.info("{} restarted execution {} of {} as execution {}", user, id, jobName, restarted.getId());
			return new ActionResult(restarted.getId(), restarted.getStatus().name(),
					"Execution " + id + " restarted as execution " + restarted.getId() + ".");
		}
		catch (JobRestartException ex) {
			throw new ActionConflictException("Cannot restart execution " + id + ": " + ex.getMessage());
		}
	}

	public ActionResult stop(long id, String user) {
		JobExecution execution = this.details.load(id);
		try {
			this.operator.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			throw new ActionConflictException(
					"Execution " + id + " is not running (" + execution.getStatus() + "); there is nothing to stop.");
		}
		logger.info("{} asked execution {} to stop", user, id);
		return new ActionResult(id, BatchStatus.STOPPING.name(),
				"Execution " + id + " stops after its current chunk; it can be restarted then.");
	}

	public ActionResult abandon(long id, String user) {
		JobExecution execution = this.details.load(id);
		try {
			JobExecution abandoned = this.operator.abandon(execution);
			logger.info("{} abandoned execution {}", user, id);
			return new ActionResult(id, abandoned.getStatus().name(),
					"Execution " + id + " is abandoned; its job instance will not be restarted.");
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw new ActionConflictException("Execution " + id + " is " + execution.getStatus()
					+ "; only failed or stopped executions can be abandoned.");
		}
	}

	public ActionResult recover(long id, String user) {
		JobExecution execution = this.details.load(id);
		if (execution.getStatus() == BatchStatus.UNKNOWN) {
			return recoverUnknown(execution, user);
		}
		if (!execution.isRunning() && execution.getStatus() != BatchStatus.STOPPING) {
			throw new ActionConflictException(
					"Execution " + id + " is " + execution.getStatus() + "; only one left running can be recovered.");
		}
		if (!this.details.crashed(execution)) {
			throw new ActionConflictException("Execution " + id + " is still running; stop it instead.");
		}
		BatchStatus left = execution.getStatus();
		JobExecution recovered = this.operator.recover(execution);
		logger.info("{} recovered execution {} left {} by a process that is gone", user, id, left);
		return new ActionResult(id, recovered.getStatus().name(),
				"Execution " + id + " is marked FAILED and can be restarted.");
	}

	public ActionResult launch(String jobName, Map<String, String> given, String user) {
		Job job = this.catalog.job(jobName)
			.orElseThrow(() -> new UnknownJobException(
					"Unknown job '" + jobName + "'. Jobs: " + String.join(", ", this.catalog.names()) + "."));
		JobFacts facts = this.catalog.facts(jobName).orElse(null);
		JobParameters parameters;
		if (facts != null) {
			parameters = facts.parameters(given);
		}
		else if (given.isEmpty()) {
			parameters = new JobParameters();
		}
		else {
			throw new InvalidLaunchException(given.keySet().iterator().next(),
					"Job '" + jobName + "' takes no parameters.");
		}
		try {
			// Validated before the launch creates anything: a refused launch leaves no
			// job instance behind.
			job.getJobParametersValidator().validate(parameters);
			JobExecution execution = this.operator.start(job, parameters);
			logger.info("{} launched {} as execution {}", user, jobName, execution.getId());
			return new ActionResult(execution.getId(), execution.getStatus().name(),
					jobName + " launched as execution " + execution.getId() + ".");
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			// The launcher refuses an abandoned instance as if it had completed.
			var instance = this.details.repository().getJobInstance(jobName, parameters);
			JobExecution last = (instance != null) ? this.details.repository().getLastJobExecution(instance) : null;
			if (last != null && last.getStatus() == BatchStatus.ABANDONED) {
				throw new ActionConflictException(jobName + " for these parameters was abandoned (execution "
						+ last.getId() + "), so it does not run again; add force=true to run it as a new instance.");
			}
			throw new ActionConflictException((facts != null) ? facts.alreadyCompleted(parameters)
					: jobName + " already completed for these parameters; add force=true to load again.");
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw new ActionConflictException(jobName + " is already running for these parameters.");
		}
		catch (InvalidJobParametersException ex) {
			throw new InvalidLaunchException(null, ex.getMessage());
		}
		catch (JobRestartException ex) {
			throw new ActionConflictException(ex.getMessage());
		}
	}

	// An execution a lost database left UNKNOWN: a chunk's rows and its checkpoint commit
	// in one transaction of the warehouse, so the steps can be marked FAILED and
	// restarted
	// from their last committed chunk, once the process that ran them is gone.
	private ActionResult recoverUnknown(JobExecution execution, String user) {
		long id = execution.getId();
		if (!this.details.crashed(execution)) {
			throw new ActionConflictException("Execution " + id + " is UNKNOWN, but the process that ran it may still "
					+ "run; stop that process first.");
		}
		this.recovery.markFailed(execution);
		logger.info("{} recovered execution {} left UNKNOWN", user, id);
		return new ActionResult(id, BatchStatus.FAILED.name(),
				"Execution " + id + " is marked FAILED; restart it to go on from its last committed chunk.");
	}

}
