package com.marketbase.batch.job.minute1m;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceState;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.SourceException;
import com.marketbase.console.job.InvalidLaunchException;
import com.marketbase.console.job.LaunchUnavailableException;
import com.marketbase.console.job.JobFacts;
import com.marketbase.console.job.LaunchField;
import com.marketbase.console.job.Progress;
import com.marketbase.console.job.WorkUnits;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the console shows of {@code minute_1m}: the launch form with the command line's
 * validation, and progress and work units from {@code market.load_units}, which every
 * process running the job writes at each chunk commit. A work unit here is one symbol's
 * trading day.
 */
@Component
class Minute1mConsoleFacts implements JobFacts {

	private static final List<String> FIELD_ORDER = List.of("trade_date", "start_date", "end_date", "symbols",
			"exchange", "source", "force");

	private final Minute1mLaunch launch;

	private final SourceStates states;

	private final JdbcTemplate jdbc;

	Minute1mConsoleFacts(Minute1mLaunch launch, SourceStates states, DataSource dataSource) {
		this.launch = launch;
		this.states = states;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	@Override
	public String jobName() {
		return Minute1mParameters.JOB_NAME;
	}

	@Override
	public List<LaunchField> launchFields() {
		return List.of(
				new LaunchField("trade_date", "One day, YYYY-MM-DD; empty (and no range) means the last closed session",
						"2026-11-20"),
				new LaunchField("start_date", "First day of a range, with end_date", "2026-11-16"),
				new LaunchField("end_date", "Last day of a range, with start_date", "2026-11-20"),
				new LaunchField("symbols",
						"Comma-separated codes (at most " + Minute1mParameters.MAX_SYMBOLS
								+ "); empty means the whole market",
						"600000.SH,000001.SZ"),
				new LaunchField("exchange", "SH, SZ or BJ instead of symbols", "SZ"),
				new LaunchField("source", "tushare, tdx or sandbox", "sandbox"),
				new LaunchField("force", "true loads again what already completed", "false"));
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		try {
			return this.launch.parameters(given);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidLaunchException(field(ex.getMessage(), given), ex.getMessage());
		}
		catch (SourceException ex) {
			// Without a date the launch reads the calendar from the source, which may
			// fail.
			throw new LaunchUnavailableException(ex.getMessage(), ex);
		}
	}

	// The command line's messages name the parameter at fault first; an unknown one is
	// quoted.
	private static String field(String message, Map<String, String> given) {
		String first = null;
		int at = Integer.MAX_VALUE;
		for (String name : given.keySet()) {
			int found = message.indexOf("'" + name + "'");
			if (found >= 0 && found < at) {
				first = name;
				at = found;
			}
		}
		for (String name : FIELD_ORDER) {
			var matcher = Pattern.compile("\\b" + name + "\\b").matcher(message);
			if (matcher.find() && matcher.start() < at) {
				first = name;
				at = matcher.start();
			}
		}
		if (first == null && message.startsWith("Unknown symbols")) {
			first = "symbols";
		}
		return first;
	}

	@Override
	public Optional<Progress> progress(JobExecution execution) {
		ExecutionContext job = execution.getExecutionContext();
		if (!job.containsKey(Minute1mPrepareTasklet.LOAD_BATCH)) {
			return Optional.empty();
		}
		long total = (long) count(job.getString(Minute1mPrepareTasklet.SYMBOLS, ""))
				* count(job.getString(Minute1mPrepareTasklet.DAYS, ""));
		long batch = job.getLong(Minute1mPrepareTasklet.LOAD_BATCH);
		Map<String, Object> counts = this.jdbc.queryForMap("""
				select count(*) filter (where status <> 'failed') as done,
					count(*) filter (where status <> 'failed' and job_execution_id = ?) as done_here,
					coalesce(sum(rows_loaded) filter (where job_execution_id = ?), 0) as rows_here,
					max(updated_at) filter (where job_execution_id = ?) as last_here
				from market.load_units where load_batch_id = ?""", execution.getId(), execution.getId(),
				execution.getId(), batch);
		long done = ((Number) counts.get("done")).longValue();
		long doneHere = ((Number) counts.get("done_here")).longValue();
		long rows = ((Number) counts.get("rows_here")).longValue();
		LocalDateTime start = execution.getStartTime();
		LocalDateTime end = execution.isRunning() ? LocalDateTime.now() : execution.getEndTime();
		if (end == null && counts.get("last_here") instanceof Timestamp last) {
			end = last.toLocalDateTime();
		}
		double seconds = (start != null && end != null) ? Math.max(0.001, Duration.between(start, end).toMillis() / 1e3)
				: 0;
		double rate = (seconds > 0) ? rows / seconds : 0;
		Duration eta = null;
		if (execution.isRunning() && doneHere > 0 && total > done) {
			eta = Duration.ofMillis((long) (seconds * 1000 * (total - done) / doneHere));
		}
		return Optional.of(Progress.of(Math.min(done, total), total, rows, rate, eta));
	}

	@Override
	public WorkUnits workUnits(JobExecution execution) {
		ExecutionContext job = execution.getExecutionContext();
		if (!job.containsKey(Minute1mPrepareTasklet.LOAD_BATCH)) {
			return WorkUnits.none();
		}
		long batch = job.getLong(Minute1mPrepareTasklet.LOAD_BATCH);
		long total = (long) count(job.getString(Minute1mPrepareTasklet.SYMBOLS, ""))
				* count(job.getString(Minute1mPrepareTasklet.DAYS, ""));
		Map<String, Long> counts = new LinkedHashMap<>();
		for (DayStatus status : DayStatus.values()) {
			counts.put(status.column(), 0L);
		}
		this.jdbc.query("select status, count(*) from market.load_units where load_batch_id = ? group by status",
				(rs) -> {
					counts.put(rs.getString(1), rs.getLong(2));
				}, batch);
		long recorded = counts.values().stream().mapToLong(Long::longValue).sum();
		long pending = Math.max(0, total - recorded);
		String source = execution.getJobParameters().getString("source");
		boolean waiting = execution.isRunning() && pending > 0 && source != null
				&& this.states.of(sourceName(source)) == SourceState.WAITING_FOR_QUOTA;
		counts.put(waiting ? "waiting for quota" : "pending", pending);
		List<WorkUnits.FailedUnit> failed = this.jdbc.query(
				"select symbol, trade_date, reason from market.load_units where load_batch_id = ? "
						+ "and status = 'failed' order by symbol, trade_date limit " + WorkUnits.FAILED_SHOWN,
				(rs, row) -> new WorkUnits.FailedUnit(rs.getString(1), rs.getObject(2, LocalDate.class),
						rs.getString(3)),
				batch);
		return new WorkUnits(counts, failed);
	}

	// The sandbox speaks Tushare's protocol.
	private static SourceName sourceName(String source) {
		return source.equals("sandbox") ? SourceName.TUSHARE : SourceName.valueOf(source.toUpperCase(Locale.ROOT));
	}

	private static int count(String list) {
		return list.isBlank() ? 0 : list.split(",").length;
	}

}
