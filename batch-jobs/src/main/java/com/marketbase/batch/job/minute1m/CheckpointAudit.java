package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.marketbase.batch.support.units.LoadBatches;
import com.marketbase.batch.support.units.SymbolDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Before a restart goes on from its partitions' checkpoints, checks them against what the
 * warehouse holds: every symbol-day a checkpoint counts as read must have its load unit
 * from this load (or a later one). A chunk's rows and its checkpoint commit in one
 * transaction, so they agree after a crash or a lost connection as well; this makes sure
 * of it instead of trusting it, and mends what does not agree: units counted as read but
 * missing (deleted meanwhile, or lost) are put back on their partition's checkpoint and
 * read first. Units stored beyond a checkpoint need nothing: the restart reads them again
 * and the writer replaces what it finds. What was found goes into the execution's
 * summary.
 */
class CheckpointAudit implements JobExecutionListener {

	static final String FOUND = "minute_1m.checkpoints";

	private static final Logger logger = LoggerFactory.getLogger(CheckpointAudit.class);

	private static final String LOAD_STEP = "minute_1m.load";

	static final String PARTITIONS = LOAD_STEP + ".worker";

	static final String WORKERS = PARTITIONS + ":";

	private final JobRepository repository;

	private final JdbcTemplate jdbc;

	private final LoadBatches batches;

	private final MinuteBarFeeds feeds;

	CheckpointAudit(JobRepository repository, DataSource dataSource, MinuteBarFeeds feeds) {
		this.repository = repository;
		this.jdbc = new JdbcTemplate(dataSource);
		this.batches = new LoadBatches(dataSource);
		this.feeds = feeds;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		var job = execution.getExecutionContext();
		// Only a restart has checkpoints: its context is the failed execution's.
		if (!job.containsKey(Minute1mPrepareTasklet.LOAD_BATCH)) {
			return;
		}
		long batch = job.getLong(Minute1mPrepareTasklet.LOAD_BATCH);
		int daysPerUnit = this.feeds.feed(execution.getJobParameters().getString("source", "")).daysPerUnit();
		List<String> workers = this.jdbc.queryForList("""
				select distinct s.step_name from batch_step_execution s
				join batch_job_execution e on e.job_execution_id = s.job_execution_id
				where e.job_instance_id = ? and s.step_name like ? order by 1
				""", String.class, execution.getJobInstance().getInstanceId(), WORKERS + "%");
		int checked = 0;
		int requeued = 0;
		List<String> missing = new ArrayList<>();
		for (String worker : workers) {
			StepExecution step = this.repository.getLastStepExecution(execution.getJobInstance(), worker);
			if (step == null) {
				continue;
			}
			List<MinuteUnit> read = MinuteUnitReader.read(
					Minute1mPartitioner.units(job, step.getExecutionContext(), daysPerUnit),
					step.getExecutionContext());
			List<MinuteUnit> lost = lost(read, batch);
			checked += read.stream().mapToInt((unit) -> unit.days().size()).sum();
			if (lost.isEmpty()) {
				continue;
			}
			requeued += lost.size();
			lost.stream().limit(5 - Math.min(5, missing.size())).map(MinuteUnit::toString).forEach(missing::add);
			// Statuses first, checkpoint last: an audit cut short finds the same units
			// missing next time, where a requeued checkpoint of a step still COMPLETED
			// would never be read.
			rerun(execution, LOAD_STEP, lost.size());
			if (step.getStatus() == BatchStatus.COMPLETED) {
				fail(step, lost.size());
			}
			MinuteUnitReader.requeue(step.getExecutionContext(), lost);
			this.repository.updateExecutionContext(step);
		}
		String found = (requeued == 0) ? checked + " symbol-days read before the checkpoints, all in the warehouse"
				: requeued + " of " + checked + " symbol-days read before the checkpoints were not in the warehouse ("
						+ String.join(", ", missing) + ((requeued > missing.size()) ? ", ..." : "")
						+ ") and were read again";
		job.putString(FOUND, found);
		if (requeued == 0) {
			logger.info("minute_1m execution {}: checkpoints checked: {}", execution.getId(), found);
		}
		else {
			logger.warn("minute_1m execution {}: checkpoints checked: {}", execution.getId(), found);
		}
	}

	// A completed step is not run again unless it is marked otherwise: neither the
	// partitions nor the step that runs them.
	private void rerun(JobExecution execution, String name, int lost) {
		StepExecution step = this.repository.getLastStepExecution(execution.getJobInstance(), name);
		if (step != null && step.getStatus() == BatchStatus.COMPLETED) {
			fail(step, lost);
		}
	}

	private void fail(StepExecution step, int lost) {
		step.setStatus(BatchStatus.FAILED);
		step.setExitStatus(ExitStatus.FAILED
			.addExitDescription(lost + " symbol-day(s) read before its checkpoint are not in the warehouse"));
		this.repository.update(step);
	}

	// The days of some units that have no load unit from this load batch or a later one,
	// as units of one day each.
	private List<MinuteUnit> lost(List<MinuteUnit> read, long batch) {
		if (read.isEmpty()) {
			return List.of();
		}
		Set<String> symbols = new HashSet<>();
		LocalDate from = LocalDate.MAX;
		LocalDate to = LocalDate.MIN;
		for (MinuteUnit unit : read) {
			symbols.add(unit.symbol());
			from = unit.first().isBefore(from) ? unit.first() : from;
			to = unit.last().isAfter(to) ? unit.last() : to;
		}
		Set<SymbolDay> stored = this.batches.recordedSince(MinuteBarWriter.DATASET, symbols, from, to, batch);
		List<MinuteUnit> lost = new ArrayList<>();
		for (MinuteUnit unit : read) {
			for (LocalDate day : unit.days()) {
				if (!stored.contains(new SymbolDay(unit.symbol(), day))) {
					lost.add(new MinuteUnit(unit.symbol(), List.of(day)));
				}
			}
		}
		return lost;
	}

}
