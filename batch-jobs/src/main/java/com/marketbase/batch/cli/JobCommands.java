package com.marketbase.batch.cli;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.marketbase.batch.support.execution.DatabaseLoss;
import com.marketbase.batch.support.execution.ExecutionOwner;
import com.marketbase.batch.support.execution.FailureCause;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.LaunchSources;
import com.marketbase.batch.support.launch.RestartCheck;
import com.marketbase.batch.support.remote.RemoteWorkers;
import com.marketbase.batch.support.execution.LoadProgress;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job commands of the command line: start, restart, stop, abandon and list, each
 * ending in an exit code and, where it did not complete, one line saying why.
 */
class JobCommands {

	static final int EXIT_COMPLETED = 0;

	static final int EXIT_NOT_COMPLETED = 1;

	static final int EXIT_REFUSED = 2;

	static final int EXIT_CONFLICT = 3;

	// How long an UNKNOWN execution stays untouched before another process may restart
	// it.
	private static final Duration UNKNOWN_SETTLED = Duration.ofMinutes(2);

	// A load restarts itself after a lost database at most this many times.
	private static final int RECONNECTS = 3;

	private final List<Job> jobs;

	private final Map<String, JobLaunch> launches;

	private final JobOperator operator;

	private final JobRepository repository;

	private final JdbcTemplate jdbc;

	private final LoadProgress progress;

	private final Console console;

	private final boolean terminal;

	private final LaunchSources sources;

	private final Duration reconnectWait;

	private final RestartCheck restarts;

	JobCommands(List<Job> jobs, List<JobLaunch> launches, JobOperator operator, JobRepository repository,
			DataSource dataSource, LoadProgress progress, LaunchSources sources, Console console, boolean terminal,
			Duration reconnectWait, RemoteWorkers workers) {
		this.reconnectWait = reconnectWait;
		this.restarts = new RestartCheck(sources, dataSource, workers);
		this.jobs = jobs;
		this.launches = new java.util.HashMap<>();
		launches.forEach((launch) -> this.launches.put(launch.jobName(), launch));
		this.operator = operator;
		this.repository = repository;
		this.jdbc = new JdbcTemplate(dataSource);
		this.progress = progress;
		this.console = console;
		this.terminal = terminal;
		this.sources = sources;
	}

	String jobNames() {
		TreeSet<String> names = new TreeSet<>();
		this.jobs.forEach((job) -> names.add(job.getName()));
		return names.isEmpty() ? "none defined yet" : String.join(", ", names);
	}

	int start(String jobName, Map<String, String> given) {
		Job job = job(jobName);
		if (job == null) {
			return refuse("Unknown job '" + jobName + "'. Jobs: " + jobNames() + ".");
		}
		JobLaunch launch = this.launches.get(jobName);
		JobParameters parameters;
		try {
			parameters = (launch != null) ? launch.parameters(given) : new JobParameters();
		}
		catch (IllegalArgumentException ex) {
			return refuse(ex.getMessage());
		}
		catch (com.marketbase.batch.source.SourceException ex) {
			// Without a date the launch reads the calendar from the source, which may
			// fail.
			this.console.refuse("Cannot settle the launch: " + ex.getMessage());
			return EXIT_NOT_COMPLETED;
		}
		if (launch == null && !given.isEmpty()) {
			return refuse("Job '" + jobName + "' takes no parameters.");
		}
		announce(jobName, parameters);
		return run(jobName, () -> {
			try {
				// Validated before the launch creates anything: a refused launch leaves
				// no
				// job instance behind.
				job.getJobParametersValidator().validate(parameters);
				return this.operator.start(job, parameters);
			}
			catch (JobInstanceAlreadyCompleteException ex) {
				Long abandoned = abandoned(jobName, parameters);
				if (abandoned != null) {
					throw new Refusal(EXIT_CONFLICT, jobName + " for these parameters was abandoned (execution "
							+ abandoned + "), so it does not run again; add force=true to run it as a new instance.");
				}
				throw new Refusal(EXIT_CONFLICT, (launch != null) ? launch.alreadyCompleted(parameters)
						: jobName + " already completed for these parameters; add force=true to load again.");
			}
			catch (JobExecutionAlreadyRunningException ex) {
				throw new Refusal(EXIT_CONFLICT, jobName + " is already running for these parameters; "
						+ "'list' shows its execution id for stop=<id>, or restart=<id> if its process died.");
			}
			catch (InvalidJobParametersException | JobRestartException ex) {
				throw new Refusal(EXIT_REFUSED, ex.getMessage());
			}
		});
	}

	// The launcher refuses an abandoned instance as if it had completed.
	private @Nullable Long abandoned(String jobName, JobParameters parameters) {
		var instance = this.repository.getJobInstance(jobName, parameters);
		JobExecution last = (instance != null) ? this.repository.getLastJobExecution(instance) : null;
		return (last != null && last.getStatus() == BatchStatus.ABANDONED) ? last.getId() : null;
	}

	int restart(long executionId) {
		JobExecution execution = execution(executionId);
		if (execution == null) {
			return refuse("No execution " + executionId + "; 'list' shows the recent ones.");
		}
		String jobName = execution.getJobInstance().getJobName();
		if (job(jobName) == null) {
			return refuse("Execution " + executionId + " belongs to job '" + jobName
					+ "', which this application does not define.");
		}
		// Checked before anything changes: a refused restart leaves the execution as it
		// was.
		if (execution.getStatus() != BatchStatus.COMPLETED && execution.getStatus() != BatchStatus.ABANDONED) {
			try {
				this.restarts.check(execution.getJobParameters());
			}
			catch (IllegalArgumentException ex) {
				return refuse(ex.getMessage());
			}
			catch (com.marketbase.batch.source.SourceException ex) {
				this.console.refuse("Cannot restart execution " + executionId + ": " + ex.getMessage());
				return EXIT_NOT_COMPLETED;
			}
		}
		if (execution.isRunning()) {
			ExecutionOwner owner = ExecutionOwner.of(execution);
			if (!crashed(execution, owner)) {
				return conflict(
						"Execution " + executionId + " is still running" + ((owner != null) ? " (" + owner + ")" : "")
								+ "; stop it with stop=" + executionId + " first.");
			}
			this.console.say("Execution " + executionId + " was left " + execution.getStatus() + " by "
					+ ((owner != null) ? owner : "a process") + " that no longer runs; marking it FAILED first.");
			execution = this.operator.recover(execution);
		}
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return conflict("Execution " + executionId + " completed; nothing to restart. Start the job again with "
					+ "force=true to load again.");
		}
		if (execution.getStatus() == BatchStatus.ABANDONED) {
			return conflict("Execution " + executionId + " was abandoned and cannot be restarted.");
		}
		if (execution.getStatus() == BatchStatus.UNKNOWN) {
			ExecutionOwner owner = ExecutionOwner.of(execution);
			// UNKNOWN is written when a job has ended: its process may live on (a
			// 'serve'), so a
			// while without updates is enough.
			if (!crashed(execution, owner) && !quietFor(execution, UNKNOWN_SETTLED)
					&& !ExecutionOwner.startedHere(executionId)) {
				return conflict("Execution " + executionId + " is UNKNOWN and its process"
						+ ((owner != null) ? " (" + owner + ")" : "") + " may still run; stop that process first.");
			}
			this.console
				.say("Execution " + executionId + " was left UNKNOWN: " + describe(execution).replaceFirst("\\.$", "")
						+ ". Its chunks commit with their checkpoints in one transaction, so it goes on from its last "
						+ "committed chunk; marking it FAILED first.");
			execution = DatabaseLoss.markFailed(this.repository, execution);
		}
		JobExecution failed = execution;
		announce(jobName, execution.getJobParameters());
		return run(jobName, restarting(failed));
	}

	// Every run says first where its rows come from, synthetic ones above all.
	private void announce(String jobName, JobParameters parameters) {
		String source = parameters.getString("source");
		if (source != null) {
			this.console.say(jobName + ": source: " + this.sources.describe(source));
		}
	}

	int stop(long executionId) {
		JobExecution execution = execution(executionId);
		if (execution == null) {
			return refuse("No execution " + executionId + "; 'list' shows the recent ones.");
		}
		try {
			this.operator.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			return conflict("Execution " + executionId + " is not running (" + execution.getStatus() + ").");
		}
		this.console.say("Stop requested for execution " + executionId
				+ "; it stops after its current chunk and can be restarted with restart=" + executionId + ".");
		return EXIT_COMPLETED;
	}

	int abandon(long executionId) {
		JobExecution execution = execution(executionId);
		if (execution == null) {
			return refuse("No execution " + executionId + "; 'list' shows the recent ones.");
		}
		try {
			this.operator.abandon(execution);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			return conflict("Execution " + executionId + " is " + execution.getStatus()
					+ "; only stopped or failed executions can be abandoned.");
		}
		this.console.say("Execution " + executionId + " is abandoned; its job instance will not be restarted.");
		return EXIT_COMPLETED;
	}

	int list() {
		List<String> lines = this.jdbc.query("""
				select e.job_execution_id, i.job_name, e.status, e.exit_code, e.start_time, e.end_time,
					(select coalesce(sum(s.write_count), 0) from batch_step_execution s
						where s.job_execution_id = e.job_execution_id and s.step_name not like '%.worker:%') as written,
					(select string_agg(p.parameter_name || '=' || p.parameter_value, ' ' order by p.parameter_name)
						from batch_job_execution_params p where p.job_execution_id = e.job_execution_id) as parameters,
					(select count(distinct r.worker_id) from market.remote_partitions r
						where r.job_execution_id = e.job_execution_id) as workers
				from batch_job_execution e join batch_job_instance i on i.job_instance_id = e.job_instance_id
				order by e.job_execution_id desc limit 20
				""",
				(rs, row) -> String.format("%6d  %-12s %-10s %-15s %-19s %8s %10d  %s%s", rs.getLong(1),
						rs.getString(2), rs.getString(3), rs.getString(4), time(rs.getTimestamp(5)),
						duration(rs.getTimestamp(5), rs.getTimestamp(6)), rs.getLong(7), rs.getString(8),
						(rs.getLong(9) > 0) ? "  [partitions on " + rs.getLong(9) + " remote workers: 'workers "
								+ rs.getLong(1) + "' says where]" : ""));
		if (lines.isEmpty()) {
			this.console.say("No executions yet. Start one with job=<name>; jobs: " + jobNames() + ".");
			return EXIT_COMPLETED;
		}
		this.console.say(String.format("%6s  %-12s %-10s %-15s %-19s %8s %10s  %s", "id", "job", "status", "exit",
				"started", "took", "written", "parameters"));
		lines.forEach(this.console::say);
		return EXIT_COMPLETED;
	}

	private int run(String jobName, Supplier<JobExecution> launch) {
		JobExecution execution;
		try {
			execution = display(jobName, launch);
			for (int attempt = 1; attempt <= RECONNECTS
					&& (execution == null || DatabaseLoss.caused(execution)); attempt++) {
				this.console
					.say(jobName + " lost its database connection; waiting up to " + this.reconnectWait.toSeconds()
							+ " s (marketbase.warehouse.reconnect-wait) for it to answer again.");
				if (!DatabaseLoss.await(this.jdbc, this.reconnectWait)) {
					this.console.refuse("The database did not answer within " + this.reconnectWait.toSeconds() + " s. "
							+ "Once it runs, 'list' shows the execution, and restart=<id> goes on from its last "
							+ "committed chunk.");
					return EXIT_NOT_COMPLETED;
				}
				JobExecution lost = (execution != null) ? execution(execution.getId()) : lastOwned(jobName);
				if (lost == null) {
					this.console.refuse("The database is back, but it holds no execution of " + jobName
							+ " by this process; 'list' shows the recent ones.");
					return EXIT_NOT_COMPLETED;
				}
				JobExecution failed = DatabaseLoss.markFailed(this.repository, lost);
				this.console.say("The database is back; restarting execution " + failed.getId()
						+ " from its last committed chunk.");
				execution = display(jobName, restarting(failed));
			}
		}
		catch (Refusal refusal) {
			this.console.refuse(refusal.getMessage());
			return refusal.exitCode;
		}
		if (execution == null) {
			this.console.refuse(jobName + " lost its database connection " + RECONNECTS + " times; once the database "
					+ "runs steadily, 'list' shows the execution and restart=<id> goes on from its last committed chunk.");
			return EXIT_NOT_COMPLETED;
		}
		return report(execution);
	}

	// The execution, or null when the database went away before it could record how it
	// ended.
	private @Nullable JobExecution display(String jobName, Supplier<JobExecution> launch) {
		try (ProgressDisplay display = ProgressDisplay.start(jobName, this.progress, this.console, this.terminal)) {
			return launch.get();
		}
		catch (Refusal refusal) {
			throw refusal;
		}
		catch (RuntimeException ex) {
			if (!DatabaseLoss.caused(ex)) {
				throw ex;
			}
			return null;
		}
	}

	private Supplier<JobExecution> restarting(JobExecution failed) {
		return () -> {
			try {
				return this.operator.restart(failed);
			}
			catch (JobRestartException ex) {
				throw new Refusal(EXIT_CONFLICT, "Cannot restart execution " + failed.getId() + ": " + ex.getMessage());
			}
		};
	}

	// The newest unfinished execution of a job that this process started.
	private @Nullable JobExecution lastOwned(String jobName) {
		List<Long> ids = this.jdbc.queryForList("""
				select e.job_execution_id from batch_job_execution e
				join batch_job_instance i on i.job_instance_id = e.job_instance_id
				where i.job_name = ? and e.status in ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN', 'FAILED')
				order by e.job_execution_id desc""", Long.class, jobName);
		return ids.stream().filter(ExecutionOwner::startedHere).findFirst().map(this::execution).orElse(null);
	}

	private static String describe(JobExecution execution) {
		String cause = FailureCause.of(execution);
		String description = execution.getExitStatus().getExitDescription();
		return (cause != null) ? cause
				: description.isBlank() ? "it ended without recording why" : description.lines().findFirst().orElse("");
	}

	/**
	 * The exit code of a completed comparison ({@code reconcile}) that found differences.
	 */
	private static final String DIFFERENCES = "DIFFERENCES";

	private int report(JobExecution execution) {
		Duration took = (execution.getStartTime() != null && execution.getEndTime() != null)
				? Duration.between(execution.getStartTime(), execution.getEndTime()) : Duration.ZERO;
		ExitStatus exit = execution.getExitStatus();
		this.console.say(execution.getJobInstance().getJobName() + " execution " + execution.getId() + ": "
				+ execution.getStatus() + " (" + exit.getExitCode() + ") in " + took.toSeconds() + " s");
		String summary = firstLine(exit.getExitDescription());
		if (execution.getStatus() == BatchStatus.COMPLETED
				&& ExitStatus.COMPLETED.getExitCode().equals(exit.getExitCode())) {
			this.console.say("  " + summary);
			return EXIT_COMPLETED;
		}
		String cause = FailureCause.of(execution);
		String why = (cause != null) ? cause : summary;
		// A completed execution cannot be restarted: what it left undone is taken up by
		// the next run.
		boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
		String state = completed ? "COMPLETED with " + exit.getExitCode() : execution.getStatus().toString();
		// A comparison that found differences has nothing left to retry: what it found is
		// mended first.
		String next = !completed ? " Restart it with restart=" + execution.getId() + "."
				: DIFFERENCES.equals(exit.getExitCode())
						? " Mend what is wrong (the findings name it) and run it again with force=true to check."
						: " Run the job again (force=true for the same day) to retry what is left.";
		String sentence = why.endsWith(".") ? why : why + ".";
		this.console.refuse(execution.getJobInstance().getJobName() + " execution " + execution.getId() + " " + state
				+ ": " + sentence + next);
		return EXIT_NOT_COMPLETED;
	}

	private boolean quietFor(JobExecution execution, Duration quiet) {
		Timestamp last = this.jdbc.queryForObject("""
				select greatest(max(s.last_updated), max(e.last_updated)) from batch_job_execution e
				left join batch_step_execution s on s.job_execution_id = e.job_execution_id
				where e.job_execution_id = ?""", Timestamp.class, execution.getId());
		return last == null || last.toInstant().isBefore(java.time.Instant.now().minus(quiet));
	}

	private boolean crashed(JobExecution execution, @Nullable ExecutionOwner owner) {
		Timestamp last = this.jdbc.queryForObject(
				"select max(last_updated) from batch_step_execution " + "where job_execution_id = ?", Timestamp.class,
				execution.getId());
		return ExecutionOwner.leftByDeadProcess(owner, (last != null) ? last.toInstant() : null,
				java.time.Instant.now());
	}

	// The repository throws rather than answering null for an unknown id.
	private @Nullable JobExecution execution(long executionId) {
		try {
			return this.repository.getJobExecution(executionId);
		}
		catch (org.springframework.dao.EmptyResultDataAccessException ex) {
			return null;
		}
	}

	private @Nullable Job job(String name) {
		return this.jobs.stream().filter((job) -> job.getName().equals(name)).findFirst().orElse(null);
	}

	private int refuse(String message) {
		this.console.refuse(message);
		return EXIT_REFUSED;
	}

	private int conflict(String message) {
		this.console.refuse(message);
		return EXIT_CONFLICT;
	}

	private static String firstLine(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		int newline = text.indexOf('\n');
		return (newline > 0) ? text.substring(0, newline).strip() : text.strip();
	}

	private static String time(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime().withNano(0).toString().replace('T', ' ') : "-";
	}

	private static String duration(@Nullable Timestamp start, @Nullable Timestamp end) {
		if (start == null || end == null) {
			return "-";
		}
		return Duration.between(start.toInstant(), end.toInstant()).toSeconds() + " s";
	}

	/** A launch refused before or by the operator, with its exit code. */
	private static final class Refusal extends RuntimeException {

		private final int exitCode;

		Refusal(int exitCode, String message) {
			super(message);
			this.exitCode = exitCode;
		}

	}

}
