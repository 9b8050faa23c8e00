package com.marketbase.batch.job.dailybars;

import javax.sql.DataSource;

import com.marketbase.batch.job.ExecutionOwner;
import com.marketbase.batch.job.LoadProgress;
import com.marketbase.batch.job.gaps.GapFinder;
import com.marketbase.batch.job.gaps.UnitFailures;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the parts of one daily-bar job, so that each job's configuration only names its
 * dataset: prepare (the plan) then load (a chunked step of fetches, restartable from its
 * cursor), with the summary of outcomes at the end.
 */
public final class DailyJobParts {

	private DailyJobParts() {
	}

	/**
	 * The job.
	 * @param dataset the dataset
	 * @param repository the job repository
	 * @param prepare the prepare step
	 * @param load the load step
	 * @param dataSource the warehouse
	 * @return the job, named like its dataset
	 */
	public static Job job(DailyDataset dataset, JobRepository repository, Step prepare, Step load,
			DataSource dataSource) {
		return new JobBuilder(dataset.dataset(), repository).validator(new DailyParameters.Validator(dataset))
			.start(prepare)
			.next(load)
			.listener(ExecutionOwner.recorder(repository))
			.listener(new DailySummaryListener(dataSource, finder(dataset, dataSource)))
			.build();
	}

	public static Step prepareStep(DailyDataset dataset, JobRepository repository,
			PlatformTransactionManager transactionManager, Tasklet tasklet) {
		return new StepBuilder(dataset.dataset() + ".prepare", repository).tasklet(tasklet, transactionManager).build();
	}

	/**
	 * The prepare tasklet of one execution.
	 * @param dataset the dataset
	 * @param execution the job execution
	 * @param feeds the feeds
	 * @param settings the job's settings
	 * @param dataSource the warehouse
	 * @return the tasklet
	 */
	public static Tasklet prepareTasklet(DailyDataset dataset, JobExecution execution, DailyFeeds feeds,
			DailyLoadSettings settings, DataSource dataSource) {
		DailyParameters parameters = DailyParameters.of(dataset, execution.getJobParameters());
		return new DailyPrepareTasklet(parameters, feeds.feed(parameters.source(), dataset), settings,
				finder(dataset, dataSource), dataSource);
	}

	/**
	 * The load step: chunks of fetches, each chunk one transaction with its checkpoint.
	 * @param dataset the dataset
	 * @param repository the job repository
	 * @param transactionManager the warehouse's transaction manager
	 * @param reader the step-scoped reader
	 * @param writer the step-scoped writer
	 * @param settings the job's settings
	 * @param progress the progress of this process
	 * @param dataSource the warehouse
	 * @return the step
	 */
	public static Step loadStep(DailyDataset dataset, JobRepository repository,
			PlatformTransactionManager transactionManager, ItemStreamReader<FetchedDaily> reader,
			ItemWriter<FetchedDaily> writer, DailyLoadSettings settings, LoadProgress progress, DataSource dataSource) {
		return new StepBuilder(dataset.dataset() + ".load", repository)
			.<FetchedDaily, FetchedDaily>chunk(Math.max(1, settings.chunkUnits()))
			.transactionManager(transactionManager)
			.reader(reader)
			.writer(writer)
			.listener(new ProgressStart(progress, dataSource))
			.build();
	}

	/**
	 * The reader of one step execution.
	 * @param dataset the dataset
	 * @param step the step execution
	 * @param feeds the feeds
	 * @param dataSource the warehouse
	 * @return the reader
	 */
	public static ItemStreamReader<FetchedDaily> reader(DailyDataset dataset, StepExecution step, DailyFeeds feeds,
			DataSource dataSource) {
		ExecutionContext job = step.getJobExecution().getExecutionContext();
		DailyParameters parameters = DailyParameters.of(dataset, step.getJobParameters());
		return new DailyUnitReader(DailyUnit.decode(job.getString(DailyPrepareTasklet.UNITS, "")),
				feeds.feed(parameters.source(), dataset), dataSource, finder(dataset, dataSource).calendarExchange());
	}

	/**
	 * The writer of one step execution.
	 * @param dataset the dataset
	 * @param step the step execution
	 * @param feeds the feeds
	 * @param settings the job's settings
	 * @param dataSource the warehouse
	 * @param progress the progress of this process
	 * @return the writer
	 */
	public static ItemWriter<FetchedDaily> writer(DailyDataset dataset, StepExecution step, DailyFeeds feeds,
			DailyLoadSettings settings, DataSource dataSource, LoadProgress progress) {
		DailyParameters parameters = DailyParameters.of(dataset, step.getJobParameters());
		long batch = step.getJobExecution().getExecutionContext().getLong(DailyPrepareTasklet.LOAD_BATCH);
		DailyBarWriter.Context context = new DailyBarWriter.Context(dataset, batch, step.getJobExecutionId(),
				parameters.symbols(), !parameters.incremental());
		return new DailyBarWriter(dataSource, context, finder(dataset, dataSource),
				new UnitFailures(dataSource, dataset.dataset(), settings.quarantineAfter()),
				feeds.feed(parameters.source(), dataset), progress);
	}

	static GapFinder finder(DailyDataset dataset, DataSource dataSource) {
		return new GapFinder(dataSource, dataset.dataset(), GapFinder.DAILY_BARS);
	}

	/**
	 * Starts the progress count of this process when the load step begins, counting the
	 * units earlier executions of the instance already stored.
	 */
	private static final class ProgressStart implements StepExecutionListener {

		private final LoadProgress progress;

		private final JdbcTemplate jdbc;

		ProgressStart(LoadProgress progress, DataSource dataSource) {
			this.progress = progress;
			this.jdbc = new JdbcTemplate(dataSource);
		}

		@Override
		public void beforeStep(StepExecution stepExecution) {
			ExecutionContext job = stepExecution.getJobExecution().getExecutionContext();
			Long done = this.jdbc.queryForObject(
					"select count(*) from market.load_units where load_batch_id = ? and status <> 'failed'", Long.class,
					job.getLong(DailyPrepareTasklet.LOAD_BATCH));
			this.progress.start(job.getLong(DailyPrepareTasklet.PLANNED, 0), (done != null) ? done : 0);
		}

	}

}
