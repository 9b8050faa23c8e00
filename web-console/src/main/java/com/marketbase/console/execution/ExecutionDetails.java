package com.marketbase.console.execution;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.marketbase.console.ConsoleSql;
import com.marketbase.console.job.JobCatalog;
import com.marketbase.console.job.JobFacts;
import com.marketbase.console.job.Progress;
import com.marketbase.console.job.WorkUnits;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads one execution with its steps and the facts its job offers, and decides which
 * actions it allows.
 */
public class ExecutionDetails {

	/**
	 * An execution not heard of for this long, whose owner cannot be checked, is dead.
	 */
	static final Duration SILENT_LIMIT = Duration.ofMinutes(10);

	private final JobRepository repository;

	private final JobCatalog catalog;

	private final ExecutionLiveness liveness;

	private final JdbcTemplate jdbc;

	public ExecutionDetails(JobRepository repository, JobCatalog catalog, ExecutionLiveness liveness, ConsoleSql sql) {
		this.repository = repository;
		this.catalog = catalog;
		this.liveness = liveness;
		this.jdbc = sql.jdbc();
	}

	/**
	 * The job repository the executions come from, for the actions that change them.
	 * @return the repository
	 */
	public JobRepository repository() {
		return this.repository;
	}

	/**
	 * The execution as the repository has it.
	 * @param id the execution id
	 * @return the execution
	 * @throws ExecutionNotFoundException when there is none
	 */
	public JobExecution load(long id) {
		JobExecution execution;
		try {
			execution = this.repository.getJobExecution(id);
		}
		catch (EmptyResultDataAccessException ex) {
			// Spring Batch 6.0.6's JDBC DAO throws for an unknown id instead of answering
			// null.
			throw new ExecutionNotFoundException(id);
		}
		if (execution == null) {
			throw new ExecutionNotFoundException(id);
		}
		return execution;
	}

	public ExecutionDetail detail(long id) {
		JobExecution execution = load(id);
		String job = execution.getJobInstance().getJobName();
		Optional<JobFacts> facts = this.catalog.facts(job);
		Progress progress = facts.flatMap((f) -> f.progress(execution)).orElse(null);
		WorkUnits units = facts.map((f) -> f.workUnits(execution)).orElse(WorkUnits.none());
		List<ExecutionDetail.Parameter> identifying = parameters(execution, true);
		List<ExecutionDetail.Parameter> other = parameters(execution, false);
		List<ExecutionDetail.StepSummary> steps = execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparingLong(StepExecution::getId))
			.map(ExecutionDetails::step)
			.toList();
		return new ExecutionDetail(execution.getId(), execution.getJobInstance().getInstanceId(), job,
				execution.getStatus().name(), execution.getExitStatus().getExitCode(),
				execution.getExitStatus().getExitDescription(), execution.getCreateTime(), execution.getStartTime(),
				execution.getEndTime(), execution.getLastUpdated(),
				seconds(execution.getStartTime(), execution.getEndTime()), identifying, other, steps, progress, units,
				actions(execution), facts.flatMap(JobFacts::dataset).orElse(null));
	}

	/**
	 * Whether an execution the repository shows running, or UNKNOWN, was left so by a
	 * process that is gone.
	 * @param execution the execution
	 * @return true when it may be recovered
	 */
	public boolean crashed(JobExecution execution) {
		// UNKNOWN: a lost database connection left it so, and it may be recovered once
		// its
		// process is gone.
		if (!execution.isRunning() && execution.getStatus() != BatchStatus.UNKNOWN) {
			return false;
		}
		// UNKNOWN is written when a job has ended; one this server ran stays its owner,
		// so
		// a while without updates is enough.
		if (execution.getStatus() == BatchStatus.UNKNOWN
				&& silentSince(execution).isBefore(LocalDateTime.now().minus(UNKNOWN_SETTLED))) {
			return true;
		}
		return switch (this.liveness.of(execution)) {
			case ALIVE -> false;
			case GONE -> true;
			case UNKNOWN -> silentSince(execution).isBefore(LocalDateTime.now().minus(SILENT_LIMIT));
		};
	}

	/** How long an UNKNOWN execution stays untouched before it may be recovered. */
	private static final java.time.Duration UNKNOWN_SETTLED = java.time.Duration.ofMinutes(2);

	private LocalDateTime silentSince(JobExecution execution) {
		Timestamp last = this.jdbc.queryForObject("""
				select greatest(max(s.last_updated), max(e.last_updated)) from batch_job_execution e
				left join batch_step_execution s on s.job_execution_id = e.job_execution_id
				where e.job_execution_id = ?""", Timestamp.class, execution.getId());
		return (last != null) ? last.toLocalDateTime() : LocalDateTime.MIN;
	}

	private ExecutionDetail.Actions actions(JobExecution execution) {
		BatchStatus status = execution.getStatus();
		boolean ended = status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
		boolean defined = this.catalog.job(execution.getJobInstance().getJobName()).isPresent();
		boolean running = status == BatchStatus.STARTING || status == BatchStatus.STARTED;
		return new ExecutionDetail.Actions(ended && defined, running, ended || status == BatchStatus.STOPPING,
				crashed(execution));
	}

	private static List<ExecutionDetail.Parameter> parameters(JobExecution execution, boolean identifying) {
		return execution.getJobParameters()
			.parameters()
			.stream()
			.filter((parameter) -> parameter.identifying() == identifying)
			.sorted(Comparator.comparing(JobParameter::name))
			.map((parameter) -> new ExecutionDetail.Parameter(parameter.name(), parameter.type().getSimpleName(),
					String.valueOf(parameter.value())))
			.toList();
	}

	private static ExecutionDetail.StepSummary step(StepExecution step) {
		return new ExecutionDetail.StepSummary(step.getId(), step.getStepName(), step.getStatus().name(),
				step.getExitStatus().getExitCode(), step.getExitStatus().getExitDescription(), step.getReadCount(),
				step.getWriteCount(), step.getFilterCount(), step.getReadSkipCount(), step.getProcessSkipCount(),
				step.getWriteSkipCount(), step.getCommitCount(), step.getRollbackCount(), step.getStartTime(),
				step.getEndTime(), seconds(step.getStartTime(), step.getEndTime()));
	}

	static @Nullable Long seconds(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		if (start == null) {
			return null;
		}
		return Duration.between(start, (end != null) ? end : LocalDateTime.now()).toSeconds();
	}

}
