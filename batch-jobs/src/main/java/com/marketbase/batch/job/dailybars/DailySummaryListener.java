package com.marketbase.batch.job.dailybars;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.marketbase.batch.job.gaps.GapFinder;
import com.marketbase.batch.job.gaps.SymbolDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sums up a run in its exit description: units by outcome (complete, partial, suspended,
 * empty, failed), quarantined units with the first of them, bars and rejected rows, older
 * holes healed and left. A run with failed units ends {@code INCOMPLETE} (the next run
 * retries them); one that had units to load and stored no bar ends
 * {@code NOTHING_LOADED}; quarantined units do not hold a run up.
 */
class DailySummaryListener implements JobExecutionListener {

	static final String NOTHING_LOADED = "NOTHING_LOADED";

	static final String INCOMPLETE = "INCOMPLETE";

	private static final Logger logger = LoggerFactory.getLogger(DailySummaryListener.class);

	private final JdbcTemplate jdbc;

	private final GapFinder finder;

	DailySummaryListener(DataSource dataSource, GapFinder finder) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.finder = finder;
	}

	@Override
	public void afterJob(JobExecution execution) {
		var context = execution.getExecutionContext();
		if (!context.containsKey(DailyPrepareTasklet.LOAD_BATCH)) {
			return;
		}
		long batch = context.getLong(DailyPrepareTasklet.LOAD_BATCH);
		Map<String, Long> units = new TreeMap<>();
		this.jdbc.query("select status, count(*) from market.load_units where dataset = ? and load_batch_id = ? "
				+ "group by status", (rs) -> {
					units.put(rs.getString(1), rs.getLong(2));
				}, this.finder.dataset(), batch);
		Long bars = this.jdbc.queryForObject("select count(*) from market.bars_daily where load_batch_id = ?",
				Long.class, batch);
		Long rejects = this.jdbc.queryForObject("select count(*) from market.rejected_rows where load_batch_id = ?",
				Long.class, batch);
		List<SymbolDay> quarantined = this.finder.quarantined();
		long failed = units.getOrDefault("failed", 0L);
		long stored = units.getOrDefault("complete", 0L) + units.getOrDefault("partial", 0L);
		String summary = "units: " + units.getOrDefault("complete", 0L) + " complete, "
				+ units.getOrDefault("partial", 0L) + " partial, " + units.getOrDefault("suspended", 0L)
				+ " suspended, " + units.getOrDefault("empty", 0L) + " empty, " + failed + " failed, "
				+ quarantined.size() + " quarantined" + quarantineList(quarantined) + "; bars: " + bars
				+ "; rejected rows: " + rejects + "; older holes healed: "
				+ context.getLong(DailyPrepareTasklet.BACKFILL, 0) + ", left for later runs: "
				+ context.getLong(DailyPrepareTasklet.HOLES_LEFT, 0);
		// The requested days are judged on their own: older holes healed by the same run
		// must not make a day the source had nothing for look loaded.
		long[] requested = requestedDays(execution, batch);
		ExitStatus exit = execution.getExitStatus();
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			long planned = context.getLong(DailyPrepareTasklet.PLANNED, 0);
			if (planned == 0) {
				exit = new ExitStatus(ExitStatus.COMPLETED.getExitCode(), "Nothing was missing; " + summary);
			}
			else if (failed > 0) {
				exit = new ExitStatus(INCOMPLETE,
						failed + " unit(s) failed and will be retried by the next run; " + summary);
			}
			else if (stored == 0 && units.getOrDefault("empty", 0L) > 0) {
				exit = new ExitStatus(NOTHING_LOADED, "The source had no bars for any missing unit; " + summary);
			}
			else if (requested[0] == 0 && requested[1] > 0) {
				exit = new ExitStatus(NOTHING_LOADED,
						"The source had no bars for the requested days (" + requested[1] + " units empty); " + summary);
			}
			else {
				exit = new ExitStatus(ExitStatus.COMPLETED.getExitCode(), summary);
			}
		}
		else {
			exit = exit.addExitDescription(summary);
		}
		execution.setExitStatus(exit);
		logger.info("{} execution {} ended {}: {}", this.finder.dataset(), execution.getId(), execution.getStatus(),
				summary);
	}

	/**
	 * What this run stored for the days it was asked for.
	 * @return units stored (complete or partial) and units empty, of the requested days
	 */
	private long[] requestedDays(JobExecution execution, long batch) {
		java.time.LocalDate start = execution.getJobParameters().getLocalDate("start_date");
		java.time.LocalDate end = execution.getJobParameters().getLocalDate("end_date");
		long[] counts = new long[2];
		if (start == null || end == null) {
			return counts;
		}
		this.jdbc.query("select count(*) filter (where status in ('complete', 'partial')), "
				+ "count(*) filter (where status = 'empty') from market.load_units "
				+ "where dataset = ? and load_batch_id = ? and trade_date between ? and ?", (rs) -> {
					counts[0] = rs.getLong(1);
					counts[1] = rs.getLong(2);
				}, this.finder.dataset(), batch, start, end);
		return counts;
	}

	private static String quarantineList(List<SymbolDay> quarantined) {
		if (quarantined.isEmpty()) {
			return "";
		}
		return " (" + quarantined.stream().limit(5).map(SymbolDay::key).collect(Collectors.joining(", "))
				+ ((quarantined.size() > 5) ? ", ..." : "") + "; see market.failed_work_units)";
	}

}
