package com.marketbase.batch.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.marketbase.batch.chain.Chain;
import com.marketbase.batch.chain.ChainRun;
import com.marketbase.batch.coverage.CoverageQueries;
import com.marketbase.batch.rollout.SwitchedOffException;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.NotReadyException;
import com.marketbase.batch.schedule.ScheduledRun.Outcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.scheduling.support.CronExpression;

/**
 * Launches the configured jobs for a trading day. Which jobs exist does not matter to it:
 * each entry names a job and is checked against the application's jobs and their launch
 * rules when the scheduler is built.
 * <p>
 * A day is never loaded twice: {@code trade_date} and the entry's parameters identify the
 * job instance, so a completed day is refused by the job repository; while one server
 * launches a day it holds a PostgreSQL advisory lock on it, so another server skips it.
 * <p>
 * An entry whose job is {@value #CHAIN} runs the chain: every module of the night as its
 * own job instance, each one's outcome kept apart (see {@link Chain}).
 */
public class JobScheduler {

	private static final Logger logger = LoggerFactory.getLogger(JobScheduler.class);

	// The first key of every advisory lock the scheduler takes ("MB").
	private static final int LOCK_SPACE = 0x4d42;

	private final List<ScheduledEntry> entries;

	private final JobOperator operator;

	private final JobRepository repository;

	private final DataSource dataSource;

	private final CoverageQueries calendar;

	private final ScheduleProperties properties;

	private final Clock clock;

	private final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();

	/** The job name by which an entry runs the chain. */
	public static final String CHAIN = "chain";

	private final @Nullable Chain chain;

	/**
	 * Checks the schedule against the jobs of the application.
	 * @throws ScheduleException naming the first entry that cannot run
	 */
	public JobScheduler(ScheduleProperties properties, List<Job> jobs, List<JobLaunch> launches, JobOperator operator,
			JobRepository repository, DataSource dataSource, Clock clock) {
		this(properties, jobs, launches, operator, repository, dataSource, clock, null);
	}

	/**
	 * Checks the schedule against the jobs of the application and the chain.
	 * @throws ScheduleException naming the first entry that cannot run
	 */
	public JobScheduler(ScheduleProperties properties, List<Job> jobs, List<JobLaunch> launches, JobOperator operator,
			JobRepository repository, DataSource dataSource, Clock clock, @Nullable Chain chain) {
		this.chain = chain;
		this.properties = properties;
		this.operator = operator;
		this.repository = repository;
		this.dataSource = dataSource;
		this.calendar = new CoverageQueries(dataSource);
		this.clock = clock;
		Map<String, Job> byName = new HashMap<>();
		jobs.forEach((job) -> byName.put(job.getName(), job));
		Map<String, JobLaunch> launchByName = new HashMap<>();
		launches.forEach((launch) -> launchByName.put(launch.jobName(), launch));
		List<ScheduledEntry> checked = new ArrayList<>();
		for (int i = 0; i < properties.entries().size(); i++) {
			checked.add(check(i, properties.entries().get(i), byName, launchByName));
		}
		this.entries = List.copyOf(checked);
	}

	private ScheduledEntry check(int index, ScheduleProperties.Entry entry, Map<String, Job> jobs,
			Map<String, JobLaunch> launches) {
		String where = "marketbase.schedule.entries[" + index + "]";
		if (entry.job() == null || entry.job().isBlank()) {
			throw new ScheduleException(where + " names no job; set " + where + ".job.");
		}
		if (entry.job().equals(CHAIN) && this.chain != null) {
			return checkChain(index, where, entry);
		}
		Job job = jobs.get(entry.job());
		if (job == null) {
			throw new ScheduleException(
					where + " names job '" + entry.job() + "', which this application does not define; jobs: "
							+ String.join(", ", new TreeSet<>(jobs.keySet())) + ".");
		}
		JobLaunch launch = launches.get(entry.job());
		if (launch == null) {
			throw new ScheduleException(where + ": job '" + entry.job() + "' takes no parameters, so it cannot be "
					+ "given a trade_date.");
		}
		if (entry.cron() == null || !CronExpression.isValidExpression(entry.cron())) {
			throw new ScheduleException(where + ".cron '" + entry.cron() + "' is not a cron expression; use six "
					+ "fields (second minute hour day month weekday), for example '0 30 17 * * MON-FRI'.");
		}
		if (!entry.days().equals("open") && !entry.days().equals("all")) {
			throw new ScheduleException(where + ".days is open or all, not '" + entry.days() + "'.");
		}
		if (entry.parameters().containsKey("trade_date")) {
			throw new ScheduleException(where + ".parameters must not set trade_date; the scheduler passes the day.");
		}
		try {
			// An entry for a day before its firing day (FX: the GMT day that ended
			// overnight) is checked on a day surely out, whatever the time of the start.
			LocalDate today = LocalDate.now(this.clock.withZone(this.properties.zone()));
			launch.parameters(withDay(entry, (entry.daysBack() > 0) ? today.minusDays(1) : today));
		}
		catch (SwitchedOffException ex) {
			// A switch may be turned on again while the server runs; each firing checks
			// it.
			logger.info("{} ({}) is switched off for now: {}", where, entry.job(), ex.getMessage());
		}
		catch (NotReadyException ex) {
			// The data an entry works on comes later (reconcile before the day's loads);
			// each firing checks it.
			logger.info("{} ({}) is not ready now: {}", where, entry.job(), ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			throw new ScheduleException(where + " (" + entry.job() + "): " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			// A launch that needs a source to settle is checked when it runs.
			logger.debug("Cannot check the parameters of {} now: {}", where, ex.getMessage());
		}
		return new ScheduledEntry(index, entry, CronExpression.parse(entry.cron()), job, launch);
	}

	// The chain's modules check their own parameters when they run: a module refusing
	// them is skipped with its reason, not a reason to keep the server from starting.
	private ScheduledEntry checkChain(int index, String where, ScheduleProperties.Entry entry) {
		if (entry.cron() == null || !CronExpression.isValidExpression(entry.cron())) {
			throw new ScheduleException(where + ".cron '" + entry.cron() + "' is not a cron expression; use six "
					+ "fields (second minute hour day month weekday), for example '0 0 17 * * MON-FRI'.");
		}
		if (!entry.days().equals("open") && !entry.days().equals("all")) {
			throw new ScheduleException(where + ".days is open or all, not '" + entry.days() + "'.");
		}
		if (entry.parameters().containsKey("trade_date")) {
			throw new ScheduleException(where + ".parameters must not set trade_date; the scheduler passes the day.");
		}
		return new ScheduledEntry(index, entry, CronExpression.parse(entry.cron()), null, null);
	}

	/**
	 * The number of entries.
	 * @return the count
	 */
	public int size() {
		return this.entries.size();
	}

	/**
	 * When an entry fires next after a moment.
	 * @param index the entry
	 * @param after the moment
	 * @return the next firing, or {@code null} when the expression never fires again
	 */
	public @Nullable ZonedDateTime next(int index, ZonedDateTime after) {
		return this.entries.get(index).cron().next(after.withZoneSameInstant(this.properties.zone()));
	}

	/**
	 * Runs an entry as its cron expression fired at a moment: for the trading day of that
	 * moment, if the day is open (or the entry runs on all days).
	 * @param index the entry
	 * @param firedAt when it fired
	 * @return what came of it
	 */
	public ScheduledRun fire(int index, ZonedDateTime firedAt) {
		ScheduledEntry scheduled = this.entries.get(index);
		ScheduleProperties.Entry entry = scheduled.entry();
		LocalDate day = firedAt.withZoneSameInstant(this.properties.zone()).toLocalDate();
		if (entry.openDaysOnly()) {
			Boolean open = this.calendar.isOpen(this.properties.calendarExchange(), day);
			if (open == null) {
				return log(new ScheduledRun(entry.job(), day, Outcome.NO_CALENDAR, null, "the "
						+ this.properties.calendarExchange() + " calendar does not know " + day + "; not launched"));
			}
			if (!open) {
				return log(new ScheduledRun(entry.job(), day, Outcome.CLOSED, null, day + " is closed"));
			}
		}
		if (entry.skipWhileRunning() && (this.inFlight.contains(index)
				|| !this.repository.findRunningJobExecutions(entry.job()).isEmpty())) {
			// Name what runs, so that an execution left running by a dead process (which
			// blocks every later firing) can be found and recovered.
			String running = this.repository.findRunningJobExecutions(entry.job())
				.stream()
				.map((execution) -> "execution " + execution.getId() + " since " + execution.getStartTime())
				.collect(java.util.stream.Collectors.joining(", "));
			return log(new ScheduledRun(entry.job(), day, Outcome.SKIPPED_BUSY, null,
					"skipped: " + entry.job() + " is still running" + (running.isEmpty() ? ""
							: " (" + running + "; if its process died, 'restart=<id>' " + "recovers it)")));
		}
		if (scheduled.launch() == null) {
			this.inFlight.add(index);
			try {
				return log(chainOnce(day, withDay(entry, day)));
			}
			finally {
				this.inFlight.remove(index);
			}
		}
		JobParameters parameters;
		try {
			parameters = scheduled.launch().parameters(withDay(entry, day));
		}
		catch (SwitchedOffException ex) {
			return log(new ScheduledRun(entry.job(), day, Outcome.SWITCHED_OFF, null, "skipped: " + ex.getMessage()));
		}
		catch (RuntimeException ex) {
			return log(new ScheduledRun(entry.job(), day, Outcome.REFUSED, null, ex.getMessage()));
		}
		this.inFlight.add(index);
		try {
			return log(launchOnce(scheduled, day, parameters));
		}
		finally {
			this.inFlight.remove(index);
		}
	}

	/**
	 * Makes up the runs missed while the server was down: for each entry that catches up,
	 * the last {@code catch-up-days} open days (every day for entries that run on all
	 * days) whose firing time has passed, oldest first. Days already complete are refused
	 * by the job repository and cost nothing.
	 * @return what came of each run
	 */
	public List<ScheduledRun> catchUp() {
		ZonedDateTime now = ZonedDateTime.now(this.clock.withZone(this.properties.zone()));
		List<ScheduledRun> runs = new ArrayList<>();
		for (ScheduledEntry scheduled : this.entries) {
			if (!scheduled.entry().catchUp()) {
				continue;
			}
			for (LocalDate day : recentDays(scheduled.entry(), now.toLocalDate())) {
				ZonedDateTime firing = scheduled.cron().next(day.atStartOfDay(this.properties.zone()).minusNanos(1));
				if (firing != null && firing.toLocalDate().equals(day) && firing.isBefore(now)) {
					runs.add(fire(scheduled.index(), firing));
				}
			}
		}
		return runs;
	}

	private List<LocalDate> recentDays(ScheduleProperties.Entry entry, LocalDate today) {
		int count = this.properties.catchUpDays();
		if (!entry.openDaysOnly()) {
			return today.minusDays(count - 1L).datesUntil(today.plusDays(1)).toList();
		}
		// Open days are at least two in seven, plus long holidays.
		List<LocalDate> open = this.calendar.openDays(this.properties.calendarExchange(),
				today.minusDays(count * 4L + 14), today);
		return open.subList(Math.max(0, open.size() - count), open.size());
	}

	private ScheduledRun launchOnce(ScheduledEntry scheduled, LocalDate day, JobParameters parameters) {
		String job = scheduled.entry().job();
		try (Connection lock = this.dataSource.getConnection()) {
			int key = (job + "/" + day).hashCode();
			if (!advisory(lock, "select pg_try_advisory_lock(?, ?)", key)) {
				return new ScheduledRun(job, day, Outcome.LAUNCHED_ELSEWHERE, null,
						"another server is launching " + job + " for " + day);
			}
			try {
				JobExecution execution = this.operator.start(scheduled.job(), parameters);
				boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
				return new ScheduledRun(job, day, completed ? Outcome.COMPLETED : Outcome.NOT_COMPLETED,
						execution.getId(), "execution " + execution.getId() + " " + execution.getStatus() + " ("
								+ execution.getExitStatus().getExitCode() + ")");
			}
			finally {
				advisory(lock, "select pg_advisory_unlock(?, ?)", key);
			}
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			return new ScheduledRun(job, day, Outcome.ALREADY_COMPLETE, null, day + " was loaded before");
		}
		catch (JobExecutionAlreadyRunningException ex) {
			return new ScheduledRun(job, day, Outcome.ALREADY_RUNNING, null, day + " is being loaded already");
		}
		catch (JobRestartException | InvalidJobParametersException ex) {
			return new ScheduledRun(job, day, Outcome.REFUSED, null, ex.getMessage());
		}
		catch (SQLException ex) {
			return new ScheduledRun(job, day, Outcome.NOT_COMPLETED, null,
					"cannot reach the warehouse: " + ex.getMessage());
		}
	}

	private ScheduledRun chainOnce(LocalDate day, Map<String, String> given) {
		try (Connection lock = this.dataSource.getConnection()) {
			int key = (CHAIN + "/" + day).hashCode();
			if (!advisory(lock, "select pg_try_advisory_lock(?, ?)", key)) {
				return new ScheduledRun(CHAIN, day, Outcome.LAUNCHED_ELSEWHERE, null,
						"another server is running the chain for " + day);
			}
			try {
				ChainRun run = java.util.Objects.requireNonNull(this.chain).run(given, "schedule");
				// A failed module is the module's outcome; the run says which one.
				return new ScheduledRun(CHAIN, day, run.failed() ? Outcome.NOT_COMPLETED : Outcome.COMPLETED, null,
						run.summary() + (run.failed() ? "" : " (COMPLETED)"));
			}
			finally {
				advisory(lock, "select pg_advisory_unlock(?, ?)", key);
			}
		}
		catch (SQLException ex) {
			return new ScheduledRun(CHAIN, day, Outcome.NOT_COMPLETED, null,
					"cannot reach the warehouse: " + ex.getMessage());
		}
	}

	private static boolean advisory(Connection connection, String sql, int key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, LOCK_SPACE);
			statement.setInt(2, key);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private static Map<String, String> withDay(ScheduleProperties.Entry entry, LocalDate day) {
		Map<String, String> given = new HashMap<>(entry.parameters());
		given.put("trade_date", day.minusDays(entry.daysBack()).toString());
		return given;
	}

	private static ScheduledRun log(ScheduledRun run) {
		switch (run.outcome()) {
			case CLOSED, ALREADY_COMPLETE, LAUNCHED_ELSEWHERE, SKIPPED_BUSY, SWITCHED_OFF ->
				logger.info("Schedule: {} {}: {}", run.job(), run.tradeDate(), run.detail());
			// A completed execution may still say it loaded nothing or not everything.
			case COMPLETED -> {
				if (run.detail().endsWith("(COMPLETED)")) {
					logger.info("Schedule: {} {}: {}", run.job(), run.tradeDate(), run.detail());
				}
				else {
					logger.warn("Schedule: {} {}: {}", run.job(), run.tradeDate(), run.detail());
				}
			}
			default -> logger.warn("Schedule: {} {}: {} ({})", run.job(), run.tradeDate(), run.detail(), run.outcome());
		}
		return run;
	}

	/**
	 * An entry checked against the application's jobs; a chain entry has neither job nor
	 * launch.
	 */
	private record ScheduledEntry(int index, ScheduleProperties.Entry entry, CronExpression cron, @Nullable Job job,
			@Nullable JobLaunch launch) {

	}

}
