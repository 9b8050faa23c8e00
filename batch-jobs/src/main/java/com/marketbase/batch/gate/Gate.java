package com.marketbase.batch.gate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.marketbase.batch.coverage.CoverageDay;
import com.marketbase.batch.coverage.CoverageProperties;
import com.marketbase.batch.coverage.CoverageQueries;
import com.marketbase.batch.coverage.Dataset;
import com.marketbase.batch.gate.GateReport.Batch;
import com.marketbase.batch.gate.GateReport.DatasetDays;
import com.marketbase.batch.support.execution.ExecutionOwner;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts, per dataset, the consecutive clean trading days up to a date, newest first on
 * the dataset's calendar. A day is clean when
 * <ul>
 * <li>no execution of the dataset's job that names the day failed without a later one
 * naming it completing;</li>
 * <li>{@code market.coverage} finds the day complete (or owing nothing);</li>
 * <li>no execution naming the day is left running by a process that no longer runs;</li>
 * <li>the data-quality rules, as they last ran by then, found nothing blocking in
 * it.</li>
 * </ul>
 * As of a past day only what existed at its end counts: executions created, failed and
 * completed by then. A unit keeps only its last write, so a day with units written after
 * that end is not known to have been clean then and counts as not clean.
 */
public class Gate {

	/** The most clean days counted, and the most a caller may require. */
	public static final int LOOKBACK = 60;

	private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

	private final GateProperties properties;

	private final CoverageQueries coverage;

	private final CoverageProperties coverageProperties;

	private final JobRepository repository;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public Gate(GateProperties properties, CoverageQueries coverage, CoverageProperties coverageProperties,
			JobRepository repository, DataSource dataSource, Clock clock) {
		this.properties = properties;
		this.coverage = coverage;
		this.coverageProperties = coverageProperties;
		this.repository = repository;
		this.jdbc = new JdbcTemplate(dataSource);
		this.clock = clock;
	}

	/**
	 * Today in the market's zone, the latest day the gate may be asked about.
	 * @return the day
	 */
	public LocalDate today() {
		return LocalDate.now(this.clock.withZone(this.coverageProperties.zone()));
	}

	/**
	 * Judges every batch.
	 * @param required the clean days a batch needs, 1 to {@link #LOOKBACK}
	 * @param asOf the last day to judge, or {@code null} for today (whose data counts
	 * only once the dataset's cut-off has passed)
	 * @return the report
	 * @throws IllegalArgumentException when {@code required} or {@code asOf} is out of
	 * bounds
	 */
	public GateReport evaluate(int required, @Nullable LocalDate asOf) {
		if (required < 1 || required > LOOKBACK) {
			throw new IllegalArgumentException("days is 1 to " + LOOKBACK + ", not " + required + ".");
		}
		LocalDate today = today();
		if (asOf != null && (asOf.isAfter(today) || asOf.isBefore(LocalDate.of(1990, 1, 1)))) {
			throw new IllegalArgumentException(
					"as-of lies from 1990-01-01 to today (" + today + "), not " + asOf + ".");
		}
		LocalDate day = (asOf != null) ? asOf : today;
		boolean replay = day.isBefore(today);
		ZoneId zone = this.coverageProperties.zone();
		Instant now = this.clock.instant();
		Instant end = replay ? day.plusDays(1).atStartOfDay(zone).toInstant() : now;
		Map<String, Dataset> known = new HashMap<>();
		this.coverage.datasets().forEach((dataset) -> known.put(dataset.name(), dataset));
		List<Batch> batches = new ArrayList<>();
		this.properties.batches().forEach((name, datasets) -> {
			List<DatasetDays> judged = new ArrayList<>();
			for (String dataset : datasets) {
				Dataset found = known.get(dataset);
				judged.add((found != null) ? judge(found, day, asOf == null, end, now)
						: new DatasetDays(dataset, false, 0, null, "unknown dataset"));
			}
			int clean = judged.stream().filter(DatasetDays::known).mapToInt(DatasetDays::cleanDays).min().orElse(0);
			batches.add(new Batch(name, clean, clean >= required, judged));
		});
		return new GateReport(day, required, replay, batches);
	}

	private Instant due(String dataset, LocalDate day) {
		return day.plusDays(this.coverageProperties.dueDaysLater(dataset))
			.atTime(this.coverageProperties.dueAt(dataset))
			.atZone(this.coverageProperties.zone())
			.toInstant();
	}

	private DatasetDays judge(Dataset dataset, LocalDate asOf, boolean untilNow, Instant end, Instant now) {
		List<LocalDate> days = days(dataset, asOf);
		// A day's data counts once it is due; before that the day is neither clean nor
		// broken. FX's GMT day is due the morning after, so on a weekday evening the
		// newest owed day is yesterday's.
		while (untilNow && !days.isEmpty() && now.isBefore(due(dataset.name(), days.get(0)))) {
			days = days.subList(1, days.size());
		}
		if (days.isEmpty()) {
			return new DatasetDays(dataset.name(), true, 0, null,
					"no trading day up to " + asOf + " on the " + dataset.calendarExchange() + " calendar");
		}
		LocalDate oldest = days.get(days.size() - 1);
		LocalDate newest = days.get(0);
		Map<LocalDate, CoverageDay> covered = new HashMap<>();
		this.coverage.days(dataset.name(), oldest, newest).forEach((day) -> covered.put(day.day(), day));
		Set<LocalDate> rewritten = rewritten(dataset.name(), oldest, newest, end);
		List<Run> runs = runs(dataset.name(), oldest, newest, end, now);
		Map<LocalDate, String> blocked = blocked(dataset.name(), oldest, newest, end);
		int clean = 0;
		for (LocalDate day : days) {
			String broken = broken(day, runs, covered.get(day), rewritten.contains(day), asOf);
			if (broken == null) {
				broken = blocked.get(day);
			}
			if (broken != null) {
				return new DatasetDays(dataset.name(), true, clean, day, broken);
			}
			clean++;
		}
		return new DatasetDays(dataset.name(), true, clean, null,
				"clean on every one of the " + days.size() + " trading days looked at");
	}

	private static @Nullable String broken(LocalDate day, List<Run> runs, @Nullable CoverageDay covered,
			boolean rewritten, LocalDate asOf) {
		for (Run failed : runs) {
			if (failed.status().equals("FAILED") && failed.names(day)
					&& runs.stream()
						.noneMatch((later) -> later.status().equals("COMPLETED") && later.names(day)
								&& later.created().isAfter(failed.created()))) {
				return "execution " + failed.id() + " FAILED for it and nothing completed it since";
			}
			if (failed.leftByDeadProcess() && failed.names(day)) {
				return "execution " + failed.id() + " was left " + failed.status() + " by a process that no longer "
						+ "runs; restart=" + failed.id() + " recovers it";
			}
		}
		if (rewritten) {
			return "units were written again after " + asOf + ", so what it held then is not known";
		}
		if (covered == null) {
			return "coverage has no row for it";
		}
		if (covered.isComplete() || covered.verdict().equals("nothing owed")) {
			return null;
		}
		if (covered.verdict().equals("no calendar")) {
			return "coverage cannot judge it: the calendar does not know the day";
		}
		return "coverage " + covered.verdict() + ": " + covered.complete() + " complete, " + covered.partial()
				+ " partial, " + covered.missing() + " missing of " + covered.owed();
	}

	// Newest first, at most LOOKBACK.
	private List<LocalDate> days(Dataset dataset, LocalDate asOf) {
		if (this.properties.weekdays().contains(dataset.name())) {
			List<LocalDate> days = new ArrayList<>();
			for (LocalDate day = asOf; days.size() < LOOKBACK; day = day.minusDays(1)) {
				if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
					days.add(day);
				}
			}
			return days;
		}
		return this.jdbc.queryForList(
				"select cal_date from market.trading_calendar where exchange = ? and is_open "
						+ "and cal_date <= ? order by cal_date desc limit ?",
				LocalDate.class, dataset.calendarExchange(), asOf, LOOKBACK);
	}

	// The days with blocking data-quality findings the rules had stored by the end.
	private Map<LocalDate, String> blocked(String dataset, LocalDate from, LocalDate to, Instant end) {
		Map<LocalDate, String> blocked = new HashMap<>();
		this.jdbc.query("""
				select trade_date, count(*), min(symbol || ' ' || rule) from market.quality_findings
				where dataset = ? and severity = 'blocking' and trade_date between ? and ? and found_at <= ?
				group by trade_date""", (rs) -> {
			blocked.put(rs.getObject(1, LocalDate.class), rs.getLong(2) + " blocking data-quality finding(s), "
					+ "the first " + rs.getString(3) + "; 'quality' lists them");
		}, dataset, from, to, Timestamp.from(end));
		return blocked;
	}

	private Set<LocalDate> rewritten(String dataset, LocalDate from, LocalDate to, Instant end) {
		return Set.copyOf(this.jdbc.queryForList(
				"select distinct trade_date from market.load_units where dataset = ? and trade_date between ? and ? "
						+ "and updated_at >= ?",
				LocalDate.class, dataset, from, to, Timestamp.from(end)));
	}

	// The executions of the dataset's job created by the end, with the days they name.
	// The job repository writes local times of the process, so the end is given in them.
	private List<Run> runs(String dataset, LocalDate from, LocalDate to, Instant end, Instant now) {
		Timestamp until = Timestamp.valueOf(LocalDateTime.ofInstant(end, ZoneId.systemDefault()));
		List<Run> runs = this.jdbc.query("""
				select e.job_execution_id, e.status, e.create_time, e.end_time,
					(select max(s.last_updated) from batch_step_execution s
						where s.job_execution_id = e.job_execution_id) as step_updated,
					max(p.parameter_value) filter (where p.parameter_name = 'start_date') as first_day,
					max(p.parameter_value) filter (where p.parameter_name = 'end_date') as last_day
				from batch_job_execution e
				join batch_job_instance i on i.job_instance_id = e.job_instance_id
				join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
				where i.job_name = ? and e.create_time < ?
				group by e.job_execution_id, e.status, e.create_time, e.end_time
				order by e.job_execution_id
				""", (rs, row) -> {
			LocalDate first = day(rs.getString("first_day"));
			LocalDate last = day(rs.getString("last_day"));
			Timestamp ended = rs.getTimestamp("end_time");
			String status = rs.getString("status");
			// What had not ended by then was still running then, whatever it came to.
			if (ended == null || !ended.before(until)) {
				status = RUNNING.contains(status) ? status : "STARTED";
			}
			Timestamp stepUpdated = rs.getTimestamp("step_updated");
			return new Run(rs.getLong(1), status, rs.getTimestamp("create_time").toLocalDateTime(), first, last,
					(stepUpdated != null) ? stepUpdated.toInstant() : null);
		}, dataset, until);
		List<Run> judged = new ArrayList<>();
		for (Run run : runs) {
			if (run.first() == null || run.last() == null || run.last().isBefore(from) || run.first().isAfter(to)) {
				continue;
			}
			boolean dead = false;
			if (RUNNING.contains(run.status())) {
				// Only what is still left running now can be judged by its process.
				JobExecution execution = this.repository.getJobExecution(run.id());
				dead = execution != null && RUNNING.contains(execution.getStatus().name())
						&& ExecutionOwner.leftByDeadProcess(ExecutionOwner.of(execution), run.stepUpdated(), now);
			}
			judged.add(run.withDead(dead));
		}
		return judged;
	}

	private static @Nullable LocalDate day(@Nullable String value) {
		if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
			return null;
		}
		return LocalDate.parse(value);
	}

	/** An execution of a dataset's job, as it stood at the end of the day judged. */
	private record Run(long id, String status, LocalDateTime created, @Nullable LocalDate first,
			@Nullable LocalDate last, @Nullable Instant stepUpdated, boolean leftByDeadProcess) {

		Run(long id, String status, LocalDateTime created, @Nullable LocalDate first, @Nullable LocalDate last,
				@Nullable Instant stepUpdated) {
			this(id, status, created, first, last, stepUpdated, false);
		}

		Run withDead(boolean dead) {
			return new Run(this.id, this.status, this.created, this.first, this.last, this.stepUpdated, dead);
		}

		boolean names(LocalDate day) {
			return this.first != null && this.last != null && !day.isBefore(this.first) && !day.isAfter(this.last);
		}

	}

}
