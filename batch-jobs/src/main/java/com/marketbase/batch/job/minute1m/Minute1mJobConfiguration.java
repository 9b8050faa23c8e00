package com.marketbase.batch.job.minute1m;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import com.marketbase.batch.probe.Probes;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.execution.ExecutionOwner;
import com.marketbase.batch.support.execution.LoadProgress;
import com.marketbase.batch.support.execution.ProgressStart;
import com.marketbase.batch.support.remote.RemoteWorkers;
import com.marketbase.batch.support.units.GapFinder;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.BarAggregateRefresher;
import com.marketbase.batch.warehouse.SingleSession;
import com.marketbase.batch.warehouse.WarehouseInfo;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.JobContext;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires {@code minute_1m}: prepare (days, symbols, load batch), load (partitioned by
 * symbol, chunks of work units), aggregate (refresh of the touched window).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Minute1mJobProperties.class)
class Minute1mJobConfiguration {

	@Bean
	Job minute1mJob(JobRepository jobRepository, Step minute1mPrepareStep, Step minute1mLoadStep,
			Step minute1mAggregateStep, DataSource dataSource, Minute1mJobProperties properties,
			WarehouseInfo warehouse, BarAggregateRefresher refresher, SourceResolver sources, MinuteBarFeeds feeds) {
		return new JobBuilder(Minute1mParameters.JOB_NAME, jobRepository).validator(new Minute1mParameters.Validator())
			.start(minute1mPrepareStep)
			.next(minute1mLoadStep)
			.next(minute1mAggregateStep)
			.listener(ExecutionOwner.recorder(jobRepository))
			.listener(new CheckpointAudit(jobRepository, dataSource, feeds))
			.listener(
					new Minute1mSummaryListener(dataSource, sources, rollsUpWhileLoading(properties, warehouse), feeds))
			// Registered after the summary, so that it runs before it: listeners end in
			// reverse order.
			.listener(new FailedLoadRefresh((execution) -> aggregates(execution, refresher, properties, warehouse)))
			.build();
	}

	@Bean
	MinuteBarFeeds minuteBarFeeds(SourceResolver sources, DataSource dataSource, Probes probes, Clock clock) {
		return new MinuteBarFeeds(sources, dataSource, probes, clock);
	}

	@Bean
	Minute1mLaunch minute1mLaunch(Minute1mJobProperties properties, DataSource dataSource, SourceResolver sources,
			MinuteBarFeeds feeds, Clock clock, RemoteWorkers workers) {
		return new Minute1mLaunch(properties, dataSource, sources, feeds, clock, workers);
	}

	@Bean
	Step minute1mPrepareStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Minute1mPrepareTasklet minute1mPrepareTasklet) {
		return new StepBuilder("minute_1m.prepare", jobRepository).tasklet(minute1mPrepareTasklet, transactionManager)
			.build();
	}

	@Bean
	@JobScope
	Minute1mPrepareTasklet minute1mPrepareTasklet(@Value("#{jobExecution}") JobExecution jobExecution,
			MinuteBarFeeds feeds, DataSource dataSource, Minute1mJobProperties properties, WarehouseInfo warehouse) {
		Minute1mParameters read = Minute1mParameters.of(jobExecution.getJobParameters());
		return new Minute1mPrepareTasklet(read, feeds.feed(read.source()), dataSource, properties,
				rollsUpWhileLoading(properties, warehouse));
	}

	@Bean
	Step minute1mLoadStep(JobRepository jobRepository, Step minute1mWorkerStep, Minute1mPartitioner minute1mPartitioner,
			Minute1mJobProperties properties, LoadProgress progress, DataSource dataSource, WarehouseInfo warehouse,
			RemoteWorkers workers, @Value("${" + SingleSession.PROPERTY + ":false}") boolean singleSession)
			throws Exception {
		TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
		local.setStep(minute1mWorkerStep);
		local.setTaskExecutor(partitionThreads());
		// Each partition holds the one connection for its whole chunk.
		local.setGridSize(singleSession ? 1 : properties.partitions());
		local.afterPropertiesSet();
		return new StepBuilder("minute_1m.load", jobRepository)
			.partitioner("minute_1m.load.worker", minute1mPartitioner)
			.step(minute1mWorkerStep)
			// Workers find the partitions' step by its bean name.
			.partitionHandler(workers.placed(local, "minute1mWorkerStep"))
			.listener(new ProgressStart(progress, dataSource, Minute1mPrepareTasklet.LOAD_BATCH,
					Minute1mPrepareTasklet.PLANNED))
			.listener(new StepExecutionListener() {
				@Override
				public void beforeStep(StepExecution stepExecution) {
					// A load without rollups, even of a restart, leaves the aggregate
					// step its refresh.
					var job = stepExecution.getJobExecution().getExecutionContext();
					job.put(Minute1mPrepareTasklet.ROLLED_UP,
							Minute1mPrepareTasklet.rolledUp(job) && rollsUpWhileLoading(properties, warehouse));
				}
			})
			.build();
	}

	@Bean
	@JobScope
	Minute1mPartitioner minute1mPartitioner(@Value("#{jobExecution}") JobExecution jobExecution) {
		var job = jobExecution.getExecutionContext();
		return new Minute1mPartitioner(split(job.getString(Minute1mPrepareTasklet.SYMBOLS, "")),
				Minute1mPrepareTasklet.backfill(job));
	}

	// The worker step is job-scoped, and each partition runs on a thread of its own: the
	// thread joins the job's scope for as long as its partition runs.
	private static SimpleAsyncTaskExecutor partitionThreads() {
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("minute-1m-");
		threads.setTaskDecorator((task) -> {
			JobContext job = JobSynchronizationManager.getContext();
			if (job == null) {
				return task;
			}
			JobExecution execution = job.getJobExecution();
			return () -> {
				JobSynchronizationManager.register(execution);
				try {
					task.run();
				}
				finally {
					// close, not release: release would close the job's context, whose
					// job-scoped beans outlive this partition.
					JobSynchronizationManager.close();
				}
			};
		});
		return threads;
	}

	// Job-scoped: how many units make a chunk depends on how many days a unit holds in
	// this load.
	@Bean
	@JobScope
	Step minute1mWorkerStep(@Value("#{jobExecution}") JobExecution jobExecution, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, MinuteUnitReader minute1mReader,
			CanonicalDayProcessor minute1mProcessor, MinuteBarWriter minute1mWriter, MinuteBarFeeds feeds,
			Minute1mJobProperties properties) {
		int requestedDays = Minute1mPrepareTasklet.days(jobExecution.getExecutionContext()).size();
		int daysPerUnit = Math.max(1, Math.min(requestedDays,
				feeds.feed(Minute1mParameters.of(jobExecution.getJobParameters()).source()).daysPerUnit()));
		return new StepBuilder("minute_1m.load.worker", jobRepository)
			.<FetchedUnit, LoadedUnit>chunk(properties.chunkUnits(daysPerUnit))
			.transactionManager(transactionManager)
			.reader(minute1mReader)
			.processor(minute1mProcessor)
			.writer(minute1mWriter)
			.listener((StepExecutionListener) minute1mReader)
			.build();
	}

	@Bean
	@StepScope
	MinuteUnitReader minute1mReader(@Value("#{stepExecution}") StepExecution stepExecution,
			@Value("#{jobParameters['source']}") String source,
			@Value("#{jobParameters['intraday_at']}") @Nullable LocalDateTime intradayAt, MinuteBarFeeds feeds,
			DataSource dataSource) {
		MinuteBarFeed feed = (intradayAt != null) ? feeds.intradayFeed(source, intradayAt) : feeds.feed(source);
		var job = stepExecution.getJobExecution().getExecutionContext();
		List<MinuteUnit> units = Minute1mPartitioner.units(job, stepExecution.getExecutionContext(),
				feed.daysPerUnit());
		// Only incremental runs leave quarantined units out.
		boolean incremental = job.containsKey(Minute1mPrepareTasklet.BACKFILL);
		GapFinder finder = Minute1mPrepareTasklet.gapFinder(dataSource);
		return new MinuteUnitReader(units, feed, () -> incremental
				? finder.quarantined().stream().map(SymbolDay::key).collect(Collectors.toSet()) : Set.of());
	}

	@Bean
	@StepScope
	CanonicalDayProcessor minute1mProcessor(@Value("#{jobParameters['source']}") String source,
			@Value("#{jobParameters['intraday_at']}") @Nullable LocalDateTime intradayAt, MinuteBarFeeds feeds) {
		return new CanonicalDayProcessor(feeds.feed(source).source(), intradayAt);
	}

	@Bean
	@StepScope
	MinuteBarWriter minute1mWriter(@Value("#{stepExecution}") StepExecution stepExecution,
			@Value("#{jobParameters['source']}") String source, MinuteBarFeeds feeds, DataSource dataSource,
			LoadProgress progress, Minute1mJobProperties properties, WarehouseInfo warehouse,
			BarAggregateRefresher refresher) {
		long batch = stepExecution.getJobExecution().getExecutionContext().getLong(Minute1mPrepareTasklet.LOAD_BATCH);
		return new MinuteBarWriter(dataSource,
				new LoadContext(feeds.feed(source).source(), batch, stepExecution.getJobExecutionId()), progress,
				properties.quarantineAfter(), rollsUpWhileLoading(properties, warehouse) ? refresher : null,
				unnest(properties, warehouse));
	}

	@Bean
	Step minute1mAggregateStep(JobRepository jobRepository, Minute1mAggregateTasklet minute1mAggregateTasklet) {
		// No step transaction: a continuous-aggregate refresh must run outside one.
		return new StepBuilder("minute_1m.aggregate", jobRepository)
			.tasklet(minute1mAggregateTasklet, new ResourcelessTransactionManager())
			.build();
	}

	@Bean
	@JobScope
	Minute1mAggregateTasklet minute1mAggregateTasklet(@Value("#{jobExecution}") JobExecution jobExecution,
			BarAggregateRefresher refresher, Minute1mJobProperties properties, WarehouseInfo warehouse) {
		return aggregates(jobExecution, refresher, properties, warehouse);
	}

	private static Minute1mAggregateTasklet aggregates(JobExecution jobExecution, BarAggregateRefresher refresher,
			Minute1mJobProperties properties, WarehouseInfo warehouse) {
		var job = jobExecution.getExecutionContext();
		return new Minute1mAggregateTasklet(Minute1mPrepareTasklet.days(job),
				Minute1mPrepareTasklet.backfill(job).stream().map(MinuteUnit::first).toList(),
				(Minute1mPrepareTasklet.rolledUp(job) && rollsUpWhileLoading(properties, warehouse)) ? null
						: refresher);
	}

	// Continuous aggregates are TimescaleDB's to refresh, and only outside a transaction.
	// The rollups go by COPY: with the unnest writer the aggregate step refreshes them.
	private static boolean rollsUpWhileLoading(Minute1mJobProperties properties, WarehouseInfo warehouse) {
		return properties.rollUpWhileLoading() && !warehouse.mode().hasContinuousAggregates()
				&& !unnest(properties, warehouse);
	}

	// Chosen, or the only way where the server takes no COPY FROM STDIN.
	private static boolean unnest(Minute1mJobProperties properties, WarehouseInfo warehouse) {
		return properties.barWriter() == Minute1mJobProperties.BarWriter.UNNEST || !warehouse.copyFromStdin();
	}

	private static List<String> split(String list) {
		return (list == null || list.isBlank()) ? List.of() : Arrays.asList(list.split(","));
	}

}
