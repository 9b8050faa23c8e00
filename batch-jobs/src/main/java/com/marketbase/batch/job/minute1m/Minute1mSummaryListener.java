package com.marketbase.batch.job.minute1m;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.support.launch.LaunchSources;
import com.marketbase.batch.support.remote.WorkerRegistry;
import com.marketbase.batch.support.units.GapFinder;
import com.marketbase.batch.support.units.LoadBatches;
import com.marketbase.batch.support.units.SymbolDay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sums up an execution in its exit description: days by outcome, rows, rejects and the
 * refreshed aggregate window; for an incremental run also the older holes it healed and
 * left, and the quarantined units that wait for a person. A load that stored nothing for
 * its open days does not end as a plain success: its exit code is {@code NOTHING_LOADED}.
 */
class Minute1mSummaryListener implements JobExecutionListener {

	static final String NOTHING_LOADED = "NOTHING_LOADED";

	private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(java.time.ZoneId.of("Asia/Shanghai"));

	private static final Logger logger = LoggerFactory.getLogger(Minute1mSummaryListener.class);

	private final JdbcTemplate jdbc;

	private final GapFinder finder;

	private final boolean rolledUpWhileLoading;

	private final LaunchSources sources;

	private final MinuteBarFeeds feeds;

	/**
	 * A listener.
	 * @param dataSource the warehouse
	 * @param sources what tells a synthetic source from a real one
	 * @param rolledUpWhileLoading whether the load's writer keeps the aggregates current
	 * chunk by chunk, so that what a failed execution committed is aggregated too
	 * @param feeds what tells whether an intraday run read the realtime minute API
	 */
	Minute1mSummaryListener(DataSource dataSource, LaunchSources sources, boolean rolledUpWhileLoading,
			MinuteBarFeeds feeds) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.sources = sources;
		this.feeds = feeds;
		this.rolledUpWhileLoading = rolledUpWhileLoading;
		this.finder = Minute1mPrepareTasklet.gapFinder(dataSource);
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (!execution.getExecutionContext().containsKey(Minute1mPrepareTasklet.LOAD_BATCH)) {
			return;
		}
		long batch = execution.getExecutionContext().getLong(Minute1mPrepareTasklet.LOAD_BATCH);
		Map<String, Long> days = new TreeMap<>();
		long[] rows = new long[1];
		this.jdbc.query("select status, count(*), coalesce(sum(rows_loaded), 0) from market.load_units "
				+ "where load_batch_id = ? group by status", (rs) -> {
					days.put(rs.getString(1), rs.getLong(2));
					rows[0] += rs.getLong(3);
				}, batch);
		Long rejects = this.jdbc.queryForObject("select count(*) from market.rejected_rows where load_batch_id = ?",
				Long.class, batch);
		String source = execution.getJobParameters().getString("source", "");
		String summary = "source: " + this.sources.describe(source) + "; days: " + days.getOrDefault("complete", 0L)
				+ " complete, " + days.getOrDefault("partial", 0L) + " partial, " + days.getOrDefault("suspended", 0L)
				+ " suspended, " + days.getOrDefault("empty", 0L) + " empty, " + days.getOrDefault("failed", 0L)
				+ " failed" + (days.containsKey("in_progress") ? ", " + days.get("in_progress") + " in progress" : "")
				+ "; bars: " + rows[0] + "; rejected rows: " + rejects + "; aggregates refreshed: "
				+ execution.getExecutionContext()
					.getString(Minute1mAggregateTasklet.WINDOW,
							// Bars committed before the execution failed have their
							// aggregates.
							(this.rolledUpWhileLoading && rows[0] > 0) ? "with each committed chunk" : "none")
				+ incremental(execution) + checkpoints(execution) + realtime(execution, source);
		ExitStatus exit = execution.getExitStatus();
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			// The requested days are judged on their own: older holes healed by an
			// incremental run must not make a day the source had nothing for look loaded.
			long[] requested = new long[2];
			java.time.LocalDate start = execution.getJobParameters().getLocalDate("start_date");
			java.time.LocalDate end = execution.getJobParameters().getLocalDate("end_date");
			if (start != null && end != null) {
				this.jdbc.query("select count(*), coalesce(sum(rows_loaded), 0) from market.load_units "
						+ "where load_batch_id = ? and trade_date between ? and ?", (rs) -> {
							requested[0] = rs.getLong(1);
							requested[1] = rs.getLong(2);
						}, batch, start, end);
			}
			long openDays = days.values().stream().mapToLong(Long::longValue).sum();
			if (rows[0] == 0 && openDays > 0) {
				exit = new ExitStatus(NOTHING_LOADED, "The source had no bars for any open day; " + summary);
			}
			else if (requested[0] > 0 && requested[1] == 0) {
				exit = new ExitStatus(NOTHING_LOADED, "The source had no bars for the requested days; " + summary);
			}
			else {
				exit = new ExitStatus(ExitStatus.COMPLETED.getExitCode(), summary);
			}
		}
		else {
			// The units that failed say why in the source's words; the framework's own
			// description ("Partition handler returned an unsuccessful step") does not.
			String failures = new LoadBatches(this.jdbc.getDataSource()).failures(batch);
			if (failures == null) {
				failures = new WorkerRegistry(this.jdbc.getDataSource()).partitionFailures(execution.getId(),
						CheckpointAudit.PARTITIONS);
			}
			exit = (failures != null)
					? new ExitStatus(exit.getExitCode(), failures + "; " + summary + "\n" + exit.getExitDescription())
					: exit.addExitDescription(summary);
		}
		execution.setExitStatus(exit);
		logger.info("minute_1m execution {} ended {}: {}", execution.getId(), execution.getStatus(), summary);
	}

	// Where an intraday run read today's bars: the realtime minute API while its quota
	// lasted, stk_mins once refused.
	private String realtime(JobExecution execution, String source) {
		if (execution.getJobParameters().getLocalDateTime("intraday_at") == null
				|| !this.feeds.realtimeGranted(source)) {
			return "";
		}
		String endpoint = SourceName.parse(source).key() + ":" + RealtimeMinuteQuota.API;
		return this.jdbc
			.queryForList("select next_retry_at from market.realtime_sources where endpoint = ? and stale",
					java.sql.Timestamp.class, endpoint)
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.map((until) -> "; today's bars: stk_mins, " + RealtimeMinuteQuota.API + " refused by its quota until "
					+ SHOWN.format(until.toInstant()))
			.orElse("; today's bars: " + RealtimeMinuteQuota.API);
	}

	// What a restart found when it checked its checkpoints against the warehouse.
	private static String checkpoints(JobExecution execution) {
		String found = execution.getExecutionContext().getString(CheckpointAudit.FOUND, "");
		return found.isEmpty() ? "" : "; checkpoints: " + found;
	}

	private String incremental(JobExecution execution) {
		var job = execution.getExecutionContext();
		if (!job.containsKey(Minute1mPrepareTasklet.BACKFILL)) {
			return "";
		}
		List<SymbolDay> quarantined = this.finder.quarantined();
		return "; older holes: " + Minute1mPrepareTasklet.backfill(job).size() + " backfilled, "
				+ job.getLong(Minute1mPrepareTasklet.HOLES_LEFT, 0) + " left for later runs; quarantined: "
				+ quarantined.size() + SymbolDay.listed(quarantined, 5, "; see 'quarantine list minute_1m'");
	}

}
