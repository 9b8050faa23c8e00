package com.marketbase.batch.job.quotesnapshot;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.probe.Probes;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.execution.ExecutionOwner;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires {@code quote_snapshot}: one step that takes a snapshot of the boards in
 * {@code marketbase.jobs.quote-snapshot.boards} (every A-share and ETF board unless set),
 * or of the gateway's quotes of every listed code; and {@code market_stats}, the same
 * capture keeping only its market-wide counts.
 */
@Configuration(proxyBeanMethods = false)
class QuoteSnapshotJobConfiguration {

	/** The A-share and ETF boards as rt_k wildcards: one call each. */
	static final List<String> BOARDS = List.of("6*.SH", "0*.SZ", "3*.SZ", "9*.BJ", "5*.SH", "1*.SZ");

	@Bean
	Job quoteSnapshotJob(JobRepository jobRepository, Step quoteSnapshotStep) {
		return new JobBuilder(QuoteSnapshotLaunch.JOB_NAME, jobRepository).start(quoteSnapshotStep)
			.listener(ExecutionOwner.recorder(jobRepository))
			.build();
	}

	@Bean
	QuoteSnapshotLaunch quoteSnapshotLaunch(SourceResolver sources, Probes probes, Clock clock) {
		return new QuoteSnapshotLaunch(QuoteSnapshotLaunch.JOB_NAME, sources, probes, clock);
	}

	@Bean
	Step quoteSnapshotStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			QuoteSnapshotTasklet quoteSnapshotTasklet) {
		return new StepBuilder("quote_snapshot.capture", jobRepository)
			.tasklet(quoteSnapshotTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	QuoteSnapshotTasklet quoteSnapshotTasklet(@Value("#{jobParameters['source']}") String source,
			SourceResolver sources, DataSource dataSource, Clock clock, Environment environment) {
		return new QuoteSnapshotTasklet(feed(source, sources, dataSource, environment), true, dataSource, clock);
	}

	@Bean
	Job marketStatsJob(JobRepository jobRepository, Step marketStatsStep) {
		return new JobBuilder(QuoteSnapshotLaunch.STATS_JOB_NAME, jobRepository).start(marketStatsStep)
			.listener(ExecutionOwner.recorder(jobRepository))
			.build();
	}

	@Bean
	QuoteSnapshotLaunch marketStatsLaunch(SourceResolver sources, Probes probes, Clock clock) {
		return new QuoteSnapshotLaunch(QuoteSnapshotLaunch.STATS_JOB_NAME, sources, probes, clock);
	}

	@Bean
	Step marketStatsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			QuoteSnapshotTasklet marketStatsTasklet) {
		return new StepBuilder("market_stats.capture", jobRepository).tasklet(marketStatsTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	QuoteSnapshotTasklet marketStatsTasklet(@Value("#{jobParameters['source']}") String source, SourceResolver sources,
			DataSource dataSource, Clock clock, Environment environment) {
		return new QuoteSnapshotTasklet(feed(source, sources, dataSource, environment), false, dataSource, clock);
	}

	private static QuoteFeed feed(String source, SourceResolver sources, DataSource dataSource,
			Environment environment) {
		SourceName name = SourceName.parse(source);
		if (name.protocol() == SourceName.TDX) {
			return new TdxQuoteFeed(sources.tdx(name), new JdbcTemplate(dataSource));
		}
		List<String> boards = Binder.get(environment)
			.bind("marketbase.jobs.quote-snapshot.boards",
					org.springframework.boot.context.properties.bind.Bindable.listOf(String.class))
			.orElse(BOARDS);
		return new TushareQuoteFeed(sources.tushare(name), List.copyOf(boards));
	}

}
