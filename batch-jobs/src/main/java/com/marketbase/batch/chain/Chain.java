package com.marketbase.batch.chain;

import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import com.marketbase.batch.chain.ChainModule.Outcome;
import com.marketbase.batch.support.execution.FailureCause;
import com.marketbase.batch.support.launch.JobLaunch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Runs the modules of the chain one after another, each as its own job instance launched
 * as {@code job=<name>} launches it: its parameters read by the job's own launch (which
 * checks them, settles the source and refuses what it must), validated, then started.
 * <p>
 * A module that fails marks only itself: the modules after it still run. A module whose
 * job the application does not define, or whose launch is refused, is skipped with the
 * reason; when a prerequisite (the calendar, the instruments) fails, the modules after it
 * are skipped, since they would load against a stale calendar or instrument list. Every
 * outcome is kept in {@code market.chain_runs} and {@code market.chain_modules}.
 */
public class Chain {

	private static final Logger logger = LoggerFactory.getLogger(Chain.class);

	private final ChainProperties properties;

	private final Map<String, Job> jobs = new HashMap<>();

	private final Map<String, JobLaunch> launches = new HashMap<>();

	private final JobOperator operator;

	private final JdbcTemplate jdbc;

	public Chain(ChainProperties properties, List<Job> jobs, List<JobLaunch> launches, JobOperator operator,
			DataSource dataSource) {
		this.properties = properties;
		jobs.forEach((job) -> this.jobs.put(job.getName(), job));
		launches.forEach((launch) -> this.launches.put(launch.jobName(), launch));
		this.operator = operator;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * The modules, in order.
	 * @return the job names
	 */
	public List<String> modules() {
		return this.properties.modules();
	}

	/**
	 * Runs every module for the parameters given, each module reading them with its own
	 * launch.
	 * @param given the {@code name=value} pairs for every module, such as
	 * {@code trade_date} and {@code source}
	 * @param launchedBy {@code cli} or {@code schedule}
	 * @return what came of each module
	 */
	public ChainRun run(Map<String, String> given, String launchedBy) {
		LocalDate day = tradeDate(given);
		long id = start(day, launchedBy);
		logger.info("Chain {}{}: {}", id, (day != null) ? " for " + day : "", String.join(", ", modules()));
		List<ChainModule> done = new ArrayList<>();
		String blockedBy = null;
		for (int position = 0; position < modules().size(); position++) {
			String job = modules().get(position);
			ChainModule module = (blockedBy != null)
					? new ChainModule(job, Outcome.SKIPPED, null, "needs " + blockedBy + ", which failed")
					: runModule(job, given);
			if (module.outcome() == Outcome.FAILED && blockedBy == null
					&& this.properties.prerequisites().contains(job)) {
				blockedBy = job;
			}
			record(id, position, module);
			log(id, module);
			done.add(module);
		}
		this.jdbc.update("update market.chain_runs set finished_at = now() where id = ?", id);
		ChainRun run = new ChainRun(id, day, done);
		if (run.failed()) {
			logger.warn("{}", run.summary());
		}
		else {
			logger.info("{}", run.summary());
		}
		return run;
	}

	private ChainModule runModule(String jobName, Map<String, String> given) {
		Job job = this.jobs.get(jobName);
		if (job == null) {
			return new ChainModule(jobName, Outcome.SKIPPED, null, "no such job");
		}
		JobLaunch launch = this.launches.get(jobName);
		JobParameters parameters;
		try {
			parameters = (launch != null) ? launch.parameters(given) : new JobParameters();
			job.getJobParametersValidator().validate(parameters);
		}
		catch (IllegalArgumentException | InvalidJobParametersException ex) {
			// A refusal is the launch deciding not to run (a disabled dataset, a day its
			// calendar does not know), not the module failing.
			return new ChainModule(jobName, Outcome.SKIPPED, null, oneLine(ex.getMessage()));
		}
		catch (RuntimeException ex) {
			// Settling the launch reads the source, which may fail.
			return new ChainModule(jobName, Outcome.FAILED, null,
					"cannot settle the launch: " + oneLine(ex.getMessage()));
		}
		try {
			return outcome(jobName, this.operator.start(job, parameters));
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			return new ChainModule(jobName, Outcome.COMPLETED, null, (launch != null)
					? oneLine(launch.alreadyCompleted(parameters)) : "completed before for these parameters");
		}
		catch (JobExecutionAlreadyRunningException ex) {
			return new ChainModule(jobName, Outcome.SKIPPED, null, "already running for these parameters");
		}
		catch (JobRestartException | InvalidJobParametersException ex) {
			return new ChainModule(jobName, Outcome.SKIPPED, null, oneLine(ex.getMessage()));
		}
		catch (RuntimeException ex) {
			// One module's fault (a lost connection, a bug) must not stop the others.
			logger.error("Chain: {} failed to run: {}", jobName, ex.getMessage(), ex);
			return new ChainModule(jobName, Outcome.FAILED, null, oneLine(ex.getMessage()));
		}
	}

	private static ChainModule outcome(String jobName, JobExecution execution) {
		ExitStatus exit = execution.getExitStatus();
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			// A completed execution with units left undone says so in its exit code.
			String summary = oneLine(exit.getExitDescription());
			String code = exit.getExitCode();
			return new ChainModule(jobName, Outcome.COMPLETED, execution.getId(),
					ExitStatus.COMPLETED.getExitCode().equals(code) ? summary : code + ": " + summary);
		}
		String cause = FailureCause.of(execution);
		String why = (cause != null) ? cause : oneLine(exit.getExitDescription());
		String state = (execution.getStatus() == BatchStatus.FAILED) ? "" : execution.getStatus() + ": ";
		String sentence = why.isBlank() ? "it ended without recording why" : why.replaceFirst("\\.$", "");
		return new ChainModule(jobName, Outcome.FAILED, execution.getId(),
				state + sentence + "; restart=" + execution.getId());
	}

	private long start(@Nullable LocalDate day, String launchedBy) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.update((connection) -> {
			PreparedStatement statement = connection.prepareStatement(
					"insert into market.chain_runs (trade_date, launched_by) values (?, ?)", new String[] { "id" });
			statement.setObject(1, day);
			statement.setString(2, launchedBy);
			return statement;
		}, key);
		return Objects.requireNonNull(key.getKey()).longValue();
	}

	private void record(long id, int position, ChainModule module) {
		this.jdbc.update(
				"insert into market.chain_modules (chain_run_id, position, job_name, outcome, "
						+ "job_execution_id, reason) values (?, ?, ?, ?, ?, ?)",
				id, position, module.job(), module.outcome().name().toLowerCase(java.util.Locale.ROOT),
				module.executionId(), module.reason());
	}

	private static void log(long id, ChainModule module) {
		if (module.outcome() == Outcome.FAILED) {
			logger.warn("Chain {}: {}", id, module.line());
		}
		else {
			logger.info("Chain {}: {}", id, module.line());
		}
	}

	// The chain records the day only when it was named; trade_date=today is settled
	// before.
	private static @Nullable LocalDate tradeDate(Map<String, String> given) {
		String value = given.get("trade_date");
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (java.time.DateTimeException ex) {
			// The modules' own launches refuse it with their words.
			return null;
		}
	}

	private static String oneLine(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		return text.strip().lines().findFirst().orElse("").strip();
	}

}
