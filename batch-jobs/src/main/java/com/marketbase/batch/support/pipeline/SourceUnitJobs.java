package com.marketbase.batch.support.pipeline;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import com.marketbase.batch.support.launch.JobWork;
import com.marketbase.batch.support.units.LoadBatches;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * What the jobs share whose work units are whole source calls walked in order (an
 * exchange's calendar, one instrument list): the load batch that names the run's source,
 * and their account of their work from the step's reader position.
 */
public final class SourceUnitJobs {

	private static final String LOAD_BATCH = "source_units.load_batch_id";

	private SourceUnitJobs() {
	}

	/**
	 * The listener that opens the run's load batch once per job instance, so that the
	 * warehouse knows which source its reference data came from.
	 * @param dataSource the warehouse
	 * @param repository the job repository, to save the batch at once
	 * @return the listener
	 */
	public static JobExecutionListener loadBatch(DataSource dataSource, JobRepository repository) {
		LoadBatches batches = new LoadBatches(dataSource);
		return new JobExecutionListener() {
			@Override
			public void beforeJob(JobExecution execution) {
				if (!execution.getExecutionContext().containsKey(LOAD_BATCH)) {
					String source = execution.getJobParameters().getString("source", "");
					execution.getExecutionContext()
						.putLong(LOAD_BATCH,
								batches.open(execution.getJobInstance().getJobName(), source, execution.getId()));
					repository.updateExecutionContext(execution);
				}
			}
		};
	}

	/**
	 * The load batch of a run.
	 * @param execution the run
	 * @return the batch's id, 0 before it was opened
	 */
	public static long loadBatch(JobExecution execution) {
		return execution.getExecutionContext().getLong(LOAD_BATCH, 0);
	}

	/**
	 * The work of such a job: its units done are its reader's position, saved with every
	 * committed chunk.
	 * @param step the name of the step that walks the units
	 * @param reader the name of its {@link SourceUnitReader}
	 * @param units the units of a launch, in order
	 * @return the work
	 */
	public static JobWork work(String step, String reader, Function<JobParameters, List<String>> units) {
		return workOf(step, reader, (execution) -> units.apply(execution.getJobParameters()));
	}

	/**
	 * The work of such a job whose units an execution planned itself (in its context,
	 * say) rather than its parameters naming them.
	 * @param step the name of the step that walks the units
	 * @param reader the name of its {@link SourceUnitReader}
	 * @param units the units of an execution, in order
	 * @return the work
	 */
	public static JobWork workOf(String step, String reader, Function<JobExecution, List<String>> units) {
		return new JobWork() {
			@Override
			public Optional<Progress> progress(JobExecution execution) {
				StepExecution walk = walk(execution, step);
				if (walk == null) {
					return Optional.empty();
				}
				long total = units.apply(execution).size();
				long done = Math.min(total, position(walk, reader));
				long rows = walk.getExecutionContext().getLong(FetchedItemWriter.ROWS, 0);
				LocalDateTime start = walk.getStartTime();
				LocalDateTime end = (walk.getEndTime() != null) ? walk.getEndTime() : LocalDateTime.now();
				double seconds = (start != null) ? Math.max(0.001, Duration.between(start, end).toMillis() / 1e3) : 0;
				return Optional.of(new Progress(done, total, rows, (seconds > 0) ? rows / seconds : 0, null));
			}

			@Override
			public Units units(JobExecution execution) {
				List<String> all = units.apply(execution);
				StepExecution walk = walk(execution, step);
				int done = (walk != null) ? Math.min(all.size(), position(walk, reader)) : 0;
				boolean failed = walk != null && walk.getStatus() == BatchStatus.FAILED && done < all.size();
				Map<String, Long> counts = new LinkedHashMap<>();
				counts.put("complete", (long) done);
				counts.put("failed", failed ? 1L : 0L);
				counts.put("pending", (long) (all.size() - done - (failed ? 1 : 0)));
				List<FailedUnit> failures = failed ? List.of(new FailedUnit(all.get(done), null,
						walk.getFailureExceptions().stream().findFirst().map(Throwable::getMessage).orElse(null)))
						: List.of();
				return new Units(counts, failures);
			}
		};
	}

	private static StepExecution walk(JobExecution execution, String step) {
		return execution.getStepExecutions()
			.stream()
			.filter((candidate) -> candidate.getStepName().equals(step))
			.findFirst()
			.orElse(null);
	}

	private static int position(StepExecution walk, String reader) {
		return walk.getExecutionContext().getInt(reader + ".position", 0);
	}

}
