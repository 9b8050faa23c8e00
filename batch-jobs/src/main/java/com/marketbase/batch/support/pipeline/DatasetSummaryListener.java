package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.marketbase.batch.support.launch.LaunchSources;
import com.marketbase.batch.support.rows.RejectedRowStore;
import com.marketbase.batch.support.remote.WorkerRegistry;
import com.marketbase.batch.support.units.GapFinder;
import com.marketbase.batch.support.units.LoadBatches;
import com.marketbase.batch.support.units.SymbolDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sums up a run in its exit description: the source, units by outcome (complete, partial,
 * suspended, empty, failed), quarantined units with the first of them, rows and rejected
 * rows, older holes healed and left. A run with failed units ends {@code INCOMPLETE} (the
 * next run retries them); one that had units to load and stored no row ends
 * {@code NOTHING_LOADED}; quarantined units do not hold a run up.
 */
final class DatasetSummaryListener implements JobExecutionListener {

	/** The exit code of a run that stored nothing of what it was asked for. */
	static final String NOTHING_LOADED = "NOTHING_LOADED";

	/** The exit code of a run whose failed units a later run retries. */
	static final String INCOMPLETE = "INCOMPLETE";

	private static final Logger logger = LoggerFactory.getLogger(DatasetSummaryListener.class);

	private final Dataset<?> dataset;

	private final JdbcTemplate jdbc;

	private final GapFinder finder;

	private final RejectedRowStore rejects;

	private final LaunchSources sources;

	DatasetSummaryListener(Dataset<?> dataset, DataSource dataSource, LaunchSources sources) {
		this.dataset = dataset;
		this.jdbc = new JdbcTemplate(dataSource);
		this.finder = new GapFinder(dataSource, dataset.name(), dataset.storedCondition());
		this.rejects = new RejectedRowStore(dataSource, dataset.name());
		this.sources = sources;
	}

	@Override
	public void afterJob(JobExecution execution) {
		var context = execution.getExecutionContext();
		if (!context.containsKey(DatasetPrepareTasklet.LOAD_BATCH)) {
			return;
		}
		long batch = context.getLong(DatasetPrepareTasklet.LOAD_BATCH);
		String finished = null;
		String unfinished = null;
		try {
			finished = this.dataset.afterRun(this.jdbc, batch);
		}
		catch (RuntimeException ex) {
			// The rows are stored; what depends on them is not. The run fails, so that a
			// restart (which has nothing left to fetch) does this again.
			logger.error("{} execution {} stored its rows but could not finish", this.dataset.name(), execution.getId(),
					ex);
			unfinished = (ex.getMessage() != null && !ex.getMessage().isBlank())
					? ex.getMessage().lines().findFirst().orElseThrow().strip() : ex.getClass().getSimpleName();
		}
		Map<String, Long> units = new TreeMap<>();
		this.jdbc.query("select status, count(*) from market.load_units where dataset = ? and load_batch_id = ? "
				+ "group by status", (rs) -> {
					units.put(rs.getString(1), rs.getLong(2));
				}, this.dataset.name(), batch);
		Long rows = this.jdbc.queryForObject(
				"select count(*) from " + this.dataset.table() + " where load_batch_id = ?", Long.class, batch);
		List<SymbolDay> quarantined = this.finder.quarantined();
		long failed = units.getOrDefault("failed", 0L);
		long stored = units.getOrDefault("complete", 0L) + units.getOrDefault("partial", 0L);
		String source = execution.getJobParameters().getString("source", "");
		String summary = "source: " + this.sources.describe(source) + "; units: " + units.getOrDefault("complete", 0L)
				+ " complete, " + units.getOrDefault("partial", 0L) + " partial, " + units.getOrDefault("suspended", 0L)
				+ " suspended, " + units.getOrDefault("empty", 0L) + " empty, " + failed + " failed, "
				+ quarantined.size() + " quarantined"
				+ SymbolDay.listed(quarantined, 5, "; see 'quarantine list " + this.dataset.name() + "'") + "; "
				+ this.dataset.rowsName() + ": " + rows + "; rejected rows: " + this.rejects.count(batch)
				+ "; older holes healed: " + context.getLong(DatasetPrepareTasklet.BACKFILL, 0)
				+ ", left for later runs: " + context.getLong(DatasetPrepareTasklet.HOLES_LEFT, 0)
				+ (context.containsKey(DatasetCheckpointAudit.FOUND)
						? "; checkpoints: " + context.getString(DatasetCheckpointAudit.FOUND) : "")
				+ ((finished != null && !finished.isBlank()) ? "; " + finished : "") + note(batch);
		// The requested days are judged on their own: older holes healed by the same run
		// must not make a day the source had nothing for look loaded.
		long[] requested = requestedDays(execution, batch);
		ExitStatus exit = execution.getExitStatus();
		if (unfinished != null && execution.getStatus() == BatchStatus.COMPLETED) {
			execution.setStatus(BatchStatus.FAILED);
			exit = new ExitStatus(ExitStatus.FAILED.getExitCode(),
					"The rows are stored but the run could not finish: " + unfinished + "; " + summary);
		}
		else if (execution.getStatus() == BatchStatus.COMPLETED) {
			long planned = context.getLong(DatasetPrepareTasklet.PLANNED, 0);
			if (planned == 0) {
				exit = new ExitStatus(ExitStatus.COMPLETED.getExitCode(), "Nothing was missing; " + summary);
			}
			else if (failed > 0) {
				exit = new ExitStatus(INCOMPLETE,
						failed + " unit(s) failed and will be retried by the next run; " + summary);
			}
			else if (stored == 0 && units.getOrDefault("empty", 0L) > 0) {
				exit = new ExitStatus(NOTHING_LOADED,
						"The source had no " + this.dataset.rowsName() + " for any missing unit; " + summary);
			}
			else if (requested[0] == 0 && requested[1] > 0) {
				exit = new ExitStatus(NOTHING_LOADED, "The source had no " + this.dataset.rowsName()
						+ " for the requested days (" + requested[1] + " units empty); " + summary);
			}
			else {
				exit = new ExitStatus(ExitStatus.COMPLETED.getExitCode(), summary);
			}
		}
		else {
			// The units that failed say why in the source's words; the framework's own
			// description does not.
			String failures = new LoadBatches(this.jdbc.getDataSource()).failures(batch);
			if (failures == null) {
				failures = new WorkerRegistry(this.jdbc.getDataSource()).partitionFailures(execution.getId(),
						this.dataset.name() + DatasetJobs.PARTITIONS);
			}
			if (unfinished != null) {
				failures = ((failures != null) ? failures + "; " : "") + "could not finish: " + unfinished;
			}
			exit = (failures != null)
					? new ExitStatus(exit.getExitCode(), failures + "; " + summary + "\n" + exit.getExitDescription())
					: exit.addExitDescription(summary);
		}
		execution.setExitStatus(exit);
		logger.info("{} execution {} ended {}: {}", this.dataset.name(), execution.getId(), execution.getStatus(),
				summary);
	}

	private String note(long batch) {
		String note = this.dataset.summaryNote(this.jdbc, batch);
		return (note != null && !note.isBlank()) ? "; " + note : "";
	}

	/**
	 * What this run stored for the days it was asked for.
	 * @return units stored (complete or partial) and units empty, of the requested days
	 */
	private long[] requestedDays(JobExecution execution, long batch) {
		LocalDate start = execution.getJobParameters().getLocalDate("start_date");
		LocalDate end = execution.getJobParameters().getLocalDate("end_date");
		long[] counts = new long[2];
		if (start == null || end == null) {
			return counts;
		}
		this.jdbc.query("select count(*) filter (where status in ('complete', 'partial')), "
				+ "count(*) filter (where status = 'empty') from market.load_units "
				+ "where dataset = ? and load_batch_id = ? and trade_date between ? and ?", (rs) -> {
					counts[0] = rs.getLong(1);
					counts[1] = rs.getLong(2);
				}, this.dataset.name(), batch, start, end);
		return counts;
	}

}
