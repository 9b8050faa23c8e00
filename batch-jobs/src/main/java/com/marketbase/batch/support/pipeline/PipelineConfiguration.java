package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.marketbase.batch.support.execution.LoadProgress;
import com.marketbase.batch.support.launch.LaunchSources;
import com.marketbase.batch.support.remote.RemoteWorkers;
import com.marketbase.batch.support.units.GapFinder;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The pipeline's beans: the job builder, and the scoped prepare tasklet, partitioner,
 * partition step, reader and writer that every dataset's steps share, each made for one
 * execution of one dataset.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

	/** The bean name of the partitions' step, by which remote workers find it. */
	static final String PARTITION_STEP = "datasetPartitionStep";

	@Bean
	DatasetJobs datasetJobs(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DataSource dataSource, LaunchSources sources, LoadProgress progress, Environment environment,
			Tasklet datasetPrepareTasklet, ItemStreamReader<FetchedRows<Object>> datasetReader,
			ItemWriter<FetchedRows<Object>> datasetWriter, Partitioner datasetPartitioner, Step datasetPartitionStep,
			RemoteWorkers workers) {
		return new DatasetJobs(jobRepository, transactionManager, dataSource, sources, progress, environment,
				datasetPrepareTasklet, datasetReader, datasetWriter, datasetPartitioner, datasetPartitionStep, workers);
	}

	@Bean
	@JobScope
	Partitioner datasetPartitioner(@Value("#{jobExecution}") JobExecution jobExecution) {
		return new DatasetPartitioner(plan(jobExecution),
				jobExecution.getExecutionContext().getInt(DatasetPartitioner.RESUME_AT, 0));
	}

	// Job-scoped: how many fetches make a chunk is the dataset's setting.
	@Bean(PARTITION_STEP)
	@JobScope
	Step datasetPartitionStep(@Value("#{jobExecution}") JobExecution jobExecution, DatasetJobs jobs) {
		return jobs.partitionStep(jobs.dataset(jobExecution.getJobInstance().getJobName()));
	}

	@Bean
	@JobScope
	Tasklet datasetPrepareTasklet(@Value("#{jobExecution}") JobExecution jobExecution, DatasetJobs jobs,
			DataSource dataSource) {
		Dataset<?> dataset = jobs.dataset(jobExecution.getJobInstance().getJobName());
		return new DatasetPrepareTasklet(dataset, DatasetParameters.of(dataset.name(), jobExecution.getJobParameters()),
				jobs.settings(dataset), dataSource);
	}

	@Bean
	@StepScope
	ItemStreamReader<FetchedRows<Object>> datasetReader(@Value("#{stepExecution}") StepExecution stepExecution,
			DatasetJobs jobs, DataSource dataSource) {
		Dataset<Object> dataset = dataset(jobs, stepExecution);
		DatasetParameters parameters = DatasetParameters.of(dataset.name(), stepExecution.getJobParameters());
		return new FetchReader<>(
				DatasetPartitioner.share(plan(stepExecution.getJobExecution()), stepExecution.getExecutionContext()),
				dataset.feed(parameters.source()), dataSource,
				new GapFinder(dataSource, dataset.name(), dataset.storedCondition()).calendarExchange());
	}

	@Bean
	@StepScope
	ItemWriter<FetchedRows<Object>> datasetWriter(@Value("#{stepExecution}") StepExecution stepExecution,
			DatasetJobs jobs, DataSource dataSource, LoadProgress progress) {
		Dataset<Object> dataset = dataset(jobs, stepExecution);
		DatasetParameters parameters = DatasetParameters.of(dataset.name(), stepExecution.getJobParameters());
		ExecutionContext job = stepExecution.getJobExecution().getExecutionContext();
		// The days fetched whole in any partition: no range writes them.
		Set<LocalDate> wholeDays = plan(stepExecution.getJobExecution()).stream()
			.filter(Fetch::wholeDay)
			.map(Fetch::from)
			.collect(Collectors.toSet());
		DatasetWriter.Context context = new DatasetWriter.Context(job.getLong(DatasetPrepareTasklet.LOAD_BATCH),
				stepExecution.getJobExecutionId(), parameters.symbols().isEmpty() ? null : parameters.symbols(),
				!parameters.incremental(), wholeDays, DatasetPrepareTasklet.plannedUnits(job));
		return new DatasetWriter<>(dataset, dataset.feed(parameters.source()), dataSource, context,
				jobs.settings(dataset), progress);
	}

	// The reader and writer are typed for any row; each is made for the one dataset its
	// step belongs to.
	@SuppressWarnings("unchecked")
	private static Dataset<Object> dataset(DatasetJobs jobs, StepExecution step) {
		return (Dataset<Object>) jobs.dataset(step.getJobExecution().getJobInstance().getJobName());
	}

	private static List<Fetch> plan(JobExecution execution) {
		ExecutionContext job = execution.getExecutionContext();
		if (!job.containsKey(DatasetPrepareTasklet.FETCHES)) {
			throw new IllegalStateException("The execution has no plan of fetches; it was prepared by an earlier "
					+ "version of Marketbase. Launch the job again instead of restarting it.");
		}
		return Fetch.decode(job.getString(DatasetPrepareTasklet.FETCHES));
	}

}
