package com.marketbase.batch.job.etfdaily;

import javax.sql.DataSource;

import com.marketbase.batch.job.LoadProgress;
import com.marketbase.batch.job.dailybars.DailyDataset;
import com.marketbase.batch.job.dailybars.DailyFeeds;
import com.marketbase.batch.job.dailybars.DailyJobParts;
import com.marketbase.batch.job.dailybars.DailyLaunch;
import com.marketbase.batch.job.dailybars.DailyLoadSettings;
import com.marketbase.batch.job.dailybars.FetchedDaily;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires {@code etf_daily}: prepare (what is missing, within the backfill budget) then
 * load (chunks of fetches, restartable), tuned by {@code marketbase.jobs.etf-daily.*}.
 */
@Configuration(proxyBeanMethods = false)
class EtfDailyJobConfiguration {

	private static final DailyDataset DATASET = DailyDataset.ETF_DAILY;

	@Bean
	Job etfDailyJob(JobRepository jobRepository, Step etfDailyPrepareStep, Step etfDailyLoadStep,
			DataSource dataSource) {
		return DailyJobParts.job(DATASET, jobRepository, etfDailyPrepareStep, etfDailyLoadStep, dataSource);
	}

	@Bean
	DailyLaunch etfDailyLaunch(Environment environment, DataSource dataSource, DailyFeeds feeds) {
		return new DailyLaunch(DATASET, DailyLoadSettings.of(environment, DATASET), dataSource, feeds);
	}

	@Bean
	Step etfDailyPrepareStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet etfDailyPrepareTasklet) {
		return DailyJobParts.prepareStep(DATASET, jobRepository, transactionManager, etfDailyPrepareTasklet);
	}

	@Bean
	@JobScope
	Tasklet etfDailyPrepareTasklet(@Value("#{jobExecution}") JobExecution jobExecution, DailyFeeds feeds,
			Environment environment, DataSource dataSource) {
		return DailyJobParts.prepareTasklet(DATASET, jobExecution, feeds, DailyLoadSettings.of(environment, DATASET),
				dataSource);
	}

	@Bean
	Step etfDailyLoadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<FetchedDaily> etfDailyReader, ItemWriter<FetchedDaily> etfDailyWriter,
			Environment environment, LoadProgress progress, DataSource dataSource) {
		return DailyJobParts.loadStep(DATASET, jobRepository, transactionManager, etfDailyReader, etfDailyWriter,
				DailyLoadSettings.of(environment, DATASET), progress, dataSource);
	}

	@Bean
	@StepScope
	ItemStreamReader<FetchedDaily> etfDailyReader(@Value("#{stepExecution}") StepExecution stepExecution,
			DailyFeeds feeds, DataSource dataSource) {
		return DailyJobParts.reader(DATASET, stepExecution, feeds, dataSource);
	}

	@Bean
	@StepScope
	ItemWriter<FetchedDaily> etfDailyWriter(@Value("#{stepExecution}") StepExecution stepExecution, DailyFeeds feeds,
			Environment environment, DataSource dataSource, LoadProgress progress) {
		return DailyJobParts.writer(DATASET, stepExecution, feeds, DailyLoadSettings.of(environment, DATASET),
				dataSource, progress);
	}

}
