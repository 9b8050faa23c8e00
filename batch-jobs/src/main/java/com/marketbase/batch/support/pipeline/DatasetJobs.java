package com.marketbase.batch.support.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.marketbase.batch.support.execution.ExecutionOwner;
import com.marketbase.batch.support.execution.LoadProgress;
import com.marketbase.batch.support.execution.ProgressStart;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.LaunchSources;
import com.marketbase.batch.support.launch.LoadBatchWork;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds a dataset's job and its launch: prepare (the plan) then load (chunks of fetches,
 * restartable from their cursor), with the summary at the end. The steps of every dataset
 * share one job-scoped prepare tasklet and one step-scoped reader and writer, which find
 * their dataset by the job's name.
 */
public final class DatasetJobs {

	/** Where a dataset's run keeps its load batch in the job execution context. */
	public static final String LOAD_BATCH = DatasetPrepareTasklet.LOAD_BATCH;

	/** The exit code of a run whose failed units a later run retries. */
	public static final String INCOMPLETE = DatasetSummaryListener.INCOMPLETE;

	/** The exit code of a run that stored nothing of what it was asked for. */
	public static final String NOTHING_LOADED = DatasetSummaryListener.NOTHING_LOADED;

	private final Map<String, Dataset<?>> datasets = new ConcurrentHashMap<>();

	private final JobRepository repository;

	private final PlatformTransactionManager transactionManager;

	private final DataSource dataSource;

	private final LaunchSources sources;

	private final LoadProgress progress;

	private final Environment environment;

	private final Tasklet prepare;

	private final ItemStreamReader<FetchedRows<Object>> reader;

	private final ItemWriter<FetchedRows<Object>> writer;

	DatasetJobs(JobRepository repository, PlatformTransactionManager transactionManager, DataSource dataSource,
			LaunchSources sources, LoadProgress progress, Environment environment, Tasklet prepare,
			ItemStreamReader<FetchedRows<Object>> reader, ItemWriter<FetchedRows<Object>> writer) {
		this.repository = repository;
		this.transactionManager = transactionManager;
		this.dataSource = dataSource;
		this.sources = sources;
		this.progress = progress;
		this.environment = environment;
		this.prepare = prepare;
		this.reader = reader;
		this.writer = writer;
	}

	/**
	 * The job of a dataset, named like it.
	 * @param dataset the dataset
	 * @return the job
	 */
	public Job job(Dataset<?> dataset) {
		register(dataset);
		DatasetSettings settings = settings(dataset);
		Step prepareStep = new StepBuilder(dataset.name() + ".prepare", this.repository)
			.tasklet(this.prepare, this.transactionManager)
			.build();
		Step loadStep = new StepBuilder(dataset.name() + ".load", this.repository)
			.<FetchedRows<Object>, FetchedRows<Object>>chunk(Math.max(1, settings.chunkUnits()))
			.transactionManager(this.transactionManager)
			.reader(this.reader)
			.writer(this.writer)
			.listener(new ProgressStart(this.progress, this.dataSource, DatasetPrepareTasklet.LOAD_BATCH,
					DatasetPrepareTasklet.PLANNED))
			.build();
		return new JobBuilder(dataset.name(), this.repository).validator(new DatasetParameters.Validator(dataset))
			.start(prepareStep)
			.next(loadStep)
			.listener(ExecutionOwner.recorder(this.repository))
			.listener(new DatasetCheckpointAudit(dataset, this.repository, this.dataSource))
			.listener(new DatasetSummaryListener(dataset, this.dataSource, this.sources))
			.build();
	}

	/**
	 * How a dataset's job reads a launch, with its account of its work.
	 * @param dataset the dataset
	 * @return the launch
	 */
	public JobLaunch launch(Dataset<?> dataset) {
		register(dataset);
		return new DatasetLaunch(dataset, settings(dataset), this.dataSource, this.sources,
				new LoadBatchWork(this.dataSource, DatasetPrepareTasklet.LOAD_BATCH, DatasetPrepareTasklet.PLANNED,
						this.sources::waitingForQuota));
	}

	private void register(Dataset<?> dataset) {
		Dataset<?> known = this.datasets.putIfAbsent(dataset.name(), dataset);
		if (known != null && !known.equals(dataset)) {
			throw new IllegalStateException("Two datasets are named " + dataset.name());
		}
	}

	/**
	 * The dataset a job of this pipeline loads.
	 * @param jobName the job's name
	 * @return the dataset
	 */
	Dataset<?> dataset(String jobName) {
		Dataset<?> dataset = this.datasets.get(jobName);
		if (dataset == null) {
			throw new IllegalStateException("No dataset is named " + jobName);
		}
		return dataset;
	}

	DatasetSettings settings(Dataset<?> dataset) {
		return DatasetSettings.of(this.environment, dataset);
	}

}
