package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

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
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Before a restart goes on from its partitions' checkpoints, checks each checkpoint
 * against what the warehouse holds: every unit the fetches before it were to write (as
 * the writer chooses them: still missing in an incremental run, owed in a full one) must
 * have its load unit from this load or a later one. A chunk's rows and its checkpoint
 * commit in one transaction, so they agree after a crash or a lost connection as well;
 * this makes sure of it instead of trusting it. A fetch whose units are not all there is
 * put at the end of its partition's share (once) and read again, and the partition (with
 * the load) is marked to run again if it had completed; in an incremental run the writer
 * then writes only what is still missing, in a full run the fetch's units again. What was
 * found goes into the execution's summary.
 */
final class DatasetCheckpointAudit implements JobExecutionListener {

	static final String FOUND = "dataset.checkpoints";

	private static final Logger logger = LoggerFactory.getLogger(DatasetCheckpointAudit.class);

	private final Dataset<?> dataset;

	private final JobRepository repository;

	private final LoadBatches batches;

	private final GapFinder finder;

	private final JdbcTemplate jdbc;

	private final String partitions;

	DatasetCheckpointAudit(Dataset<?> dataset, JobRepository repository, DataSource dataSource) {
		this.dataset = dataset;
		this.repository = repository;
		this.jdbc = new JdbcTemplate(dataSource);
		this.partitions = dataset.name() + DatasetJobs.PARTITIONS;
		this.batches = new LoadBatches(dataSource);
		this.finder = new GapFinder(dataSource, dataset.name(), dataset.storedCondition());
	}

	@Override
	public void beforeJob(JobExecution execution) {
		var job = execution.getExecutionContext();
		// Only a restart has checkpoints: its context is the failed execution's.
		if (!job.containsKey(DatasetPrepareTasklet.LOAD_BATCH) || !job.containsKey(DatasetPrepareTasklet.FETCHES)) {
			return;
		}
		Audit audit = new Audit(execution);
		List<String> partitions = this.jdbc.queryForList("""
				select distinct s.step_name from batch_step_execution s
				join batch_job_execution e on e.job_execution_id = s.job_execution_id
				where e.job_instance_id = ? and s.step_name like ? order by 1
				""", String.class, execution.getJobInstance().getInstanceId(), this.partitions + ":%");
		StepExecution load = this.repository.getLastStepExecution(execution.getJobInstance(),
				this.dataset.name() + ".load");
		if (partitions.isEmpty() && load != null && load.getExecutionContext().containsKey(FetchReader.POSITION_KEY)) {
			// Prepared before loads were partitioned: its load step read the plan itself.
			// The plan's one partition resumes where it stopped, with what is lost put at
			// the end of the plan.
			int position = Math.min(audit.plan.size(), load.getExecutionContext().getInt(FetchReader.POSITION_KEY));
			List<Fetch> again = audit.check(audit.plan, position);
			if (!again.isEmpty()) {
				List<Fetch> mended = new ArrayList<>(audit.plan);
				mended.addAll(again);
				job.putString(DatasetPrepareTasklet.FETCHES, Fetch.encode(mended));
				rerun(load, audit.lost.size());
			}
			job.putInt(DatasetPartitioner.RESUME_AT, position);
			this.repository.updateExecutionContext(execution);
		}
		for (String name : partitions) {
			StepExecution partition = this.repository.getLastStepExecution(execution.getJobInstance(), name);
			if (partition == null) {
				continue;
			}
			var context = partition.getExecutionContext();
			List<Fetch> share = DatasetPartitioner.share(audit.plan, context);
			int lostBefore = audit.lost.size();
			List<Fetch> again = audit.check(share, Math.min(share.size(), context.getInt(FetchReader.POSITION_KEY, 0)));
			if (again.isEmpty()) {
				continue;
			}
			// Statuses first, the share last: an audit cut short finds the same units
			// missing next time, where a share put back in a partition still COMPLETED
			// would never be read.
			rerun(load, audit.lost.size() - lostBefore);
			rerun(partition, audit.lost.size() - lostBefore);
			List<Fetch> more = new ArrayList<>(Fetch.decode(context.getString(DatasetPartitioner.AGAIN, "")));
			more.addAll(again);
			context.putString(DatasetPartitioner.AGAIN, Fetch.encode(more));
			this.repository.updateExecutionContext(partition);
		}
		String found = (audit.again == 0) ? audit.checked + " fetches read before the checkpoint, all in the warehouse"
				: audit.again + " of " + audit.checked
						+ " fetches read before the checkpoint were not all in the warehouse, " + audit.lost.size()
						+ " unit(s)" + SymbolDay.listed(audit.lost, 5, "") + ", and were read again";
		if (audit.again > 0) {
			logger.warn("{} execution {}: checkpoint checked: {}", this.dataset.name(), execution.getId(), found);
		}
		else {
			logger.info("{} execution {}: checkpoint checked: {}", this.dataset.name(), execution.getId(), found);
		}
		job.putString(FOUND, found);
	}

	/** One restart's check of its checkpoints, with what it found so far. */
	private final class Audit {

		final List<Fetch> plan;

		private final long batch;

		private final DatasetParameters parameters;

		private final Set<LocalDate> wholeDays;

		private final @Nullable List<String> symbols;

		int checked;

		int again;

		final List<SymbolDay> lost = new ArrayList<>();

		Audit(JobExecution execution) {
			var job = execution.getExecutionContext();
			this.plan = Fetch.decode(job.getString(DatasetPrepareTasklet.FETCHES));
			this.batch = job.getLong(DatasetPrepareTasklet.LOAD_BATCH);
			this.parameters = DatasetParameters.of(DatasetCheckpointAudit.this.dataset.name(),
					execution.getJobParameters());
			this.wholeDays = this.plan.stream().filter(Fetch::wholeDay).map(Fetch::from).collect(Collectors.toSet());
			this.symbols = this.parameters.symbols().isEmpty() ? null : this.parameters.symbols();
		}

		// The fetches before a position whose units are not all stored, each once: a
		// fetch already put back by an earlier check and not read yet is not put back
		// twice.
		List<Fetch> check(List<Fetch> fetches, int position) {
			Set<Fetch> pending = new HashSet<>(fetches.subList(position, fetches.size()));
			List<Fetch> readAgain = new ArrayList<>();
			for (Fetch fetch : fetches.subList(0, position)) {
				List<String> scope = fetch.wholeDay() ? this.symbols : List.of(fetch.symbol());
				List<SymbolDay> targets = this.parameters.incremental()
						? DatasetCheckpointAudit.this.finder.missing(scope, fetch.from(), fetch.to())
						: DatasetCheckpointAudit.this.finder.owed(scope, fetch.from(), fetch.to());
				if (!fetch.wholeDay()) {
					targets = targets.stream().filter((unit) -> !this.wholeDays.contains(unit.day())).toList();
				}
				this.checked++;
				List<SymbolDay> notStored = notFromThisLoad(targets, fetch, this.batch);
				if (!notStored.isEmpty() && pending.add(fetch)) {
					readAgain.add(fetch);
					this.lost.addAll(notStored);
				}
			}
			this.again += readAgain.size();
			return readAgain;
		}

	}

	// A completed step is not run again unless it is marked otherwise: neither a
	// partition nor the load that runs them.
	private void rerun(@Nullable StepExecution step, int lost) {
		if (step != null && step.getStatus() == BatchStatus.COMPLETED) {
			step.setStatus(BatchStatus.FAILED);
			step.setExitStatus(ExitStatus.FAILED
				.addExitDescription(lost + " unit(s) written before its checkpoint are not in the warehouse"));
			this.repository.update(step);
		}
	}

	// The units among the targets with no load unit from this load batch or a later one.
	private List<SymbolDay> notFromThisLoad(List<SymbolDay> targets, Fetch fetch, long batch) {
		if (targets.isEmpty()) {
			return List.of();
		}
		Set<String> symbols = new HashSet<>();
		targets.forEach((unit) -> symbols.add(unit.symbol()));
		Set<SymbolDay> stored = this.batches.recordedSince(this.dataset.name(), symbols, fetch.from(), fetch.to(),
				batch);
		return targets.stream().filter((unit) -> !stored.contains(unit)).toList();
	}

}
