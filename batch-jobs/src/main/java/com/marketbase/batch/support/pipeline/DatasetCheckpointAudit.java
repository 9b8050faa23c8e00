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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Before a restart goes on from its load step's checkpoint, checks the checkpoint against
 * what the warehouse holds: every unit the fetches before the checkpoint were to write
 * (as the writer chooses them: still missing in an incremental run, owed in a full one)
 * must have its load unit from this load or a later one. A chunk's rows and its
 * checkpoint commit in one transaction, so they agree after a crash or a lost connection
 * as well; this makes sure of it instead of trusting it. A fetch whose units are not all
 * there is put at the end of the plan (once) and read again; in an incremental run the
 * writer then writes only what is still missing, in a full run the fetch's units again.
 * What was found goes into the execution's summary.
 */
final class DatasetCheckpointAudit implements JobExecutionListener {

	static final String FOUND = "dataset.checkpoints";

	private static final Logger logger = LoggerFactory.getLogger(DatasetCheckpointAudit.class);

	// The reader's saved position, as ItemStreamSupport names it.
	private static final String POSITION = "datasetFetches.position";

	private final Dataset<?> dataset;

	private final JobRepository repository;

	private final LoadBatches batches;

	private final GapFinder finder;

	DatasetCheckpointAudit(Dataset<?> dataset, JobRepository repository, DataSource dataSource) {
		this.dataset = dataset;
		this.repository = repository;
		this.batches = new LoadBatches(dataSource);
		this.finder = new GapFinder(dataSource, dataset.name(), dataset.storedCondition());
	}

	@Override
	public void beforeJob(JobExecution execution) {
		var job = execution.getExecutionContext();
		// Only a restart has a checkpoint: its context is the failed execution's.
		if (!job.containsKey(DatasetPrepareTasklet.LOAD_BATCH) || !job.containsKey(DatasetPrepareTasklet.FETCHES)) {
			return;
		}
		StepExecution load = this.repository.getLastStepExecution(execution.getJobInstance(),
				this.dataset.name() + ".load");
		if (load == null) {
			return;
		}
		long batch = job.getLong(DatasetPrepareTasklet.LOAD_BATCH);
		List<Fetch> plan = Fetch.decode(job.getString(DatasetPrepareTasklet.FETCHES));
		int position = Math.min(plan.size(), load.getExecutionContext().getInt(POSITION, 0));
		DatasetParameters parameters = DatasetParameters.of(this.dataset.name(), execution.getJobParameters());
		Set<LocalDate> wholeDays = plan.stream().filter(Fetch::wholeDay).map(Fetch::from).collect(Collectors.toSet());
		List<String> symbols = parameters.symbols().isEmpty() ? null : parameters.symbols();
		int checked = 0;
		List<Fetch> again = new ArrayList<>();
		List<SymbolDay> lost = new ArrayList<>();
		// A fetch already put back by an earlier check and not read yet is not put back
		// twice.
		Set<Fetch> pending = new HashSet<>(plan.subList(position, plan.size()));
		for (Fetch fetch : plan.subList(0, position)) {
			List<String> scope = fetch.wholeDay() ? symbols : List.of(fetch.symbol());
			List<SymbolDay> targets = parameters.incremental() ? this.finder.missing(scope, fetch.from(), fetch.to())
					: this.finder.owed(scope, fetch.from(), fetch.to());
			if (!fetch.wholeDay()) {
				targets = targets.stream().filter((unit) -> !wholeDays.contains(unit.day())).toList();
			}
			checked++;
			List<SymbolDay> notStored = notFromThisLoad(targets, fetch, batch);
			if (!notStored.isEmpty() && pending.add(fetch)) {
				again.add(fetch);
				lost.addAll(notStored);
			}
		}
		String found = again.isEmpty() ? checked + " fetches read before the checkpoint, all in the warehouse"
				: again.size() + " of " + checked
						+ " fetches read before the checkpoint were not all in the warehouse, " + lost.size()
						+ " unit(s)" + SymbolDay.listed(lost, 5, "") + ", and were read again";
		if (!again.isEmpty()) {
			// The plan first, the statuses last: an audit cut short finds the same units
			// missing next time.
			List<Fetch> mended = new ArrayList<>(plan);
			mended.addAll(again);
			job.putString(DatasetPrepareTasklet.FETCHES, Fetch.encode(mended));
			this.repository.updateExecutionContext(execution);
			if (load.getStatus() == BatchStatus.COMPLETED) {
				load.setStatus(BatchStatus.FAILED);
				load.setExitStatus(ExitStatus.FAILED.addExitDescription(
						lost.size() + " unit(s) written before its checkpoint are not in the warehouse"));
				this.repository.update(load);
			}
			logger.warn("{} execution {}: checkpoint checked: {}", this.dataset.name(), execution.getId(), found);
		}
		else {
			logger.info("{} execution {}: checkpoint checked: {}", this.dataset.name(), execution.getId(), found);
		}
		job.putString(FOUND, found);
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
