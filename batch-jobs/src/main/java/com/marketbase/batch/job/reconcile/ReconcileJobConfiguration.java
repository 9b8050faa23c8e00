package com.marketbase.batch.job.reconcile;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.marketbase.batch.job.reconcile.SymbolReconciler.Reconciled;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.execution.ExecutionOwner;
import com.marketbase.batch.support.pipeline.SourceUnitReader;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires {@code reconcile}: a plan step that draws the symbols, keeps them in the job's
 * context (so a restart compares the same ones) and compares every daily bar of the day
 * with its minutes; then a chunked step that compares one symbol at a time with the
 * source's own bars, its position saved with every symbol stored.
 */
@Configuration(proxyBeanMethods = false)
class ReconcileJobConfiguration {

	/** The name the compare step's reader keeps its position under. */
	static final String READER = "reconcile";

	static final String COMPARE_STEP = "reconcile.compare";

	/** The symbols a run compares, comma-separated, in the job's context. */
	static final String SYMBOLS = "reconcile.symbols";

	/** Source calls made, in the compare step's context. */
	static final String CALLS = "reconcile.calls";

	/** Daily bars compared with their minutes, in the job's context. */
	static final String DAILY = "reconcile.daily";

	/** Source calls the daily comparison made, in the job's context. */
	static final String DAILY_CALLS = "reconcile.dailyCalls";

	/** The most daily bars one run asks the source for again. */
	static final int MAX_DAILY_CALLS = 100;

	/**
	 * The lane of the shared quota reconciliation calls run in: by default half of each
	 * endpoint's quota, so a nightly comparison never takes what the loads need.
	 */
	static final String LANE = "reconcile";

	@Bean
	Job reconcileJob(JobRepository jobRepository, Step reconcilePlanStep, Step reconcileCompareStep,
			DataSource dataSource, SourceResolver sources) {
		return new JobBuilder(ReconcileParameters.JOB_NAME, jobRepository)
			.validator(new ReconcileParameters.Validator())
			.start(reconcilePlanStep)
			.next(reconcileCompareStep)
			.listener(ExecutionOwner.recorder(jobRepository))
			.listener(new Summary(new ReconcileStore(dataSource), sources))
			.build();
	}

	@Bean
	ReconcileLaunch reconcileLaunch(SourceResolver sources, DataSource dataSource) {
		return new ReconcileLaunch(sources, new ReconcileStore(dataSource));
	}

	@Bean
	Step reconcilePlanStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DataSource dataSource, SourceResolver sources) {
		ReconcileStore store = new ReconcileStore(dataSource);
		return new StepBuilder("reconcile.plan", jobRepository).tasklet((contribution, chunk) -> {
			JobExecution job = contribution.getStepExecution().getJobExecution();
			ReconcileParameters read = ReconcileParameters.of(job.getJobParameters());
			ExecutionContext context = job.getExecutionContext();
			if (!context.containsKey(SYMBOLS)) {
				context.putString(SYMBOLS, String.join(",", store.plan(read)));
			}
			List<ReconcileStore.DailyRow> rows = store.dailyRows(read.tradeDate());
			DailyReconciler daily = new DailyReconciler(feed(sources, read.source()), read.source(), MAX_DAILY_CALLS);
			store.replaceDaily(read.tradeDate(), daily.reconcile(rows, read.tradeDate()), read.source(), job.getId());
			// In the job's context, which a restart keeps while it skips this step.
			context.putInt(DAILY, rows.size());
			context.putLong(DAILY_CALLS, daily.calls());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	Step reconcileCompareStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SourceUnitReader<Reconciled> reconcileReader, ItemWriter<Reconciled> reconcileWriter) {
		return new StepBuilder(COMPARE_STEP, jobRepository).<Reconciled, Reconciled>chunk(1)
			.transactionManager(transactionManager)
			.reader(reconcileReader)
			.writer(reconcileWriter)
			.build();
	}

	@Bean
	@StepScope
	SourceUnitReader<Reconciled> reconcileReader(@Value("#{stepExecution}") StepExecution stepExecution,
			SourceResolver sources, DataSource dataSource) {
		ReconcileParameters read = ReconcileParameters.of(stepExecution.getJobParameters());
		String planned = stepExecution.getJobExecution().getExecutionContext().getString(SYMBOLS, "");
		List<String> symbols = planned.isEmpty() ? List.of() : Arrays.asList(planned.split(","));
		SymbolReconciler reconciler = new SymbolReconciler(feed(sources, read.source()), new ReconcileStore(dataSource),
				read.tradeDate());
		return new SourceUnitReader<>(READER, symbols, reconciler::reconcile);
	}

	@Bean
	@StepScope
	ItemWriter<Reconciled> reconcileWriter(@Value("#{stepExecution}") StepExecution stepExecution,
			DataSource dataSource) {
		ReconcileParameters read = ReconcileParameters.of(stepExecution.getJobParameters());
		ReconcileStore store = new ReconcileStore(dataSource);
		long execution = stepExecution.getJobExecutionId();
		return (chunk) -> {
			for (Reconciled reconciled : chunk) {
				store.replaceBars(read.tradeDate(), reconciled.symbol(), reconciled.found(), read.source(), execution);
				ExecutionContext context = stepExecution.getExecutionContext();
				context.putLong(CALLS, context.getLong(CALLS, 0) + reconciled.calls());
			}
		};
	}

	/** The source's own bars, through the reconciliation lane of the shared quota. */
	static AggregateFeed feed(SourceResolver sources, String source) {
		SourceName name = SourceName.parse(source);
		return (name == SourceName.TDX) ? new TdxAggregateFeed(sources.tdx(LANE))
				: new TushareAggregateFeed(sources.tushare(name, LANE));
	}

	/**
	 * Ends a completed run with what it compared and found: {@code DIFFERENCES} (exit 1
	 * on the command line) when anything other than a convention was found.
	 */
	private static final class Summary implements JobExecutionListener {

		private final ReconcileStore store;

		private final SourceResolver sources;

		Summary(ReconcileStore store, SourceResolver sources) {
			this.store = store;
			this.sources = sources;
		}

		@Override
		public void afterJob(JobExecution execution) {
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				return;
			}
			ReconcileParameters read = ReconcileParameters.of(execution.getJobParameters());
			String planned = execution.getExecutionContext().getString(SYMBOLS, "");
			Set<String> symbols = planned.isEmpty() ? Set.of() : Set.of(planned.split(","));
			long calls = execution.getExecutionContext().getLong(DAILY_CALLS, 0);
			for (StepExecution step : execution.getStepExecutions()) {
				calls += step.getExecutionContext().getLong(CALLS, 0);
			}
			int daily = execution.getExecutionContext().getInt(DAILY, 0);
			Map<String, Long> causes = this.store.causes(read.tradeDate(), symbols);
			Map<Boolean, Map<String, Long>> split = causes.entrySet()
				.stream()
				.collect(Collectors.partitioningBy((e) -> Cause.of(e.getKey()).convention(),
						Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new)));
			long differences = split.get(false).values().stream().mapToLong(Long::longValue).sum();
			long conventions = split.get(true).values().stream().mapToLong(Long::longValue).sum();
			String description = "source: " + this.sources.describe(read.source()) + "; " + read.tradeDate() + ": "
					+ symbols.size() + " symbols compared with the source's 5/15/30/60-minute bars and " + daily
					+ " daily bars with their minutes, in " + calls + " calls; " + differences + " difference(s)"
					+ counts(split.get(false)) + ", " + conventions + " convention(s) explained"
					+ counts(split.get(true)) + "; see market.reconcile_findings.";
			execution.setExitStatus((differences > 0) ? new ExitStatus("DIFFERENCES", description)
					: ExitStatus.COMPLETED.addExitDescription(description));
		}

		private static String counts(Map<String, Long> counts) {
			return counts.isEmpty() ? ""
					: counts.entrySet()
						.stream()
						.map((e) -> e.getKey() + " " + e.getValue())
						.collect(Collectors.joining(", ", " (", ")"));
		}

	}

}
