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
import com.marketbase.batch.support.remote.RemoteWorkers;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds a dataset's job and its launch: prepare (the plan) then load (chunks of fetches,
 * restartable from their cursor), with the summary at the end. The load deals the plan
 * out to partitions: one, run in this thread, for a local run; with
 * {@code workers=remote} as many as the workers are given, run by worker processes. The
 * steps of every dataset share one job-scoped prepare tasklet, partitioner and partition
 * step, and one step-scoped reader and writer, which find their dataset by the job's
 * name.
 */
public final class DatasetJobs {

	/** Where a dataset's run keeps its load batch in the job execution context. */
	public static final String LOAD_BATCH = DatasetPrepareTasklet.LOAD_BATCH;

	/** The exit code of a run whose failed units a later run retries. */
	public static final String INCOMPLETE = DatasetSummaryListener.INCOMPLETE;

	/** The exit code of a run that stored nothing of what it was asked for. */
	public static final String NOTHING_LOADED = DatasetSummaryListener.NOTHING_LOADED;

	/**
	 * What a dataset's name is followed by in the names of its load's partitions, as
	 * {@code daily.load.worker:partition0}.
	 */
	static final String PARTITIONS = ".load.worker";

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

	private final Partitioner partitioner;

	private final Step partitionStep;

	private final RemoteWorkers workers;

	DatasetJobs(JobRepository repository, PlatformTransactionManager transactionManager, DataSource dataSource,
			LaunchSources sources, LoadProgress progress, Environment environment, Tasklet prepare,
			ItemStreamReader<FetchedRows<Object>> reader, ItemWriter<FetchedRows<Object>> writer,
			Partitioner partitioner, Step partitionStep, RemoteWorkers workers) {
		this.repository = repository;
		this.transactionManager = transactionManager;
		this.dataSource = dataSource;
		this.sources = sources;
		this.progress = progress;
		this.environment = environment;
		this.prepare = prepare;
		this.reader = reader;
		this.writer = writer;
		this.partitioner = partitioner;
		this.partitionStep = partitionStep;
		this.workers = workers;
	}

	/**
	 * The job of a dataset, named like it.
	 * @param dataset the dataset
	 * @return the job
	 */
	public Job job(Dataset<?> dataset) {
		register(dataset);
		Step prepareStep = new StepBuilder(dataset.name() + ".prepare", this.repository)
			.tasklet(this.prepare, this.transactionManager)
			.build();
		// One partition, in this thread: a local run reads the plan in its order, as one
		// chunked step would.
		TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
		local.setStep(this.partitionStep);
		local.setTaskExecutor(new SyncTaskExecutor());
		local.setGridSize(1);
		Step loadStep = new StepBuilder(dataset.name() + ".load", this.repository)
			.partitioner(dataset.name() + PARTITIONS, this.partitioner)
			.step(this.partitionStep)
			// Workers find the partitions' step by its bean name.
			.partitionHandler(this.workers.placed(local, PipelineConfiguration.PARTITION_STEP))
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
	 * The step one partition of a dataset's load runs: chunks of its fetches, restartable
	 * from their cursor.
	 * @param dataset the dataset
	 * @return the step
	 */
	Step partitionStep(Dataset<?> dataset) {
		return new StepBuilder(dataset.name() + PARTITIONS, this.repository)
			.<FetchedRows<Object>, FetchedRows<Object>>chunk(Math.max(1, settings(dataset).chunkUnits()))
			.transactionManager(this.transactionManager)
			.reader(this.reader)
			.writer(this.writer)
			.build();
	}

	/**
	 * How a dataset's job reads a launch, with its account of its work.
	 * @param dataset the dataset
	 * @return the launch
	 */
	public JobLaunch launch(Dataset<?> dataset) {
		register(dataset);
		return new DatasetLaunch(dataset, settings(dataset), this.dataSource, this.sources, this.workers,
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
