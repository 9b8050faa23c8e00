package com.marketbase.batch.job.dailybars;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;

import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code daily}, {@code index_daily} and {@code etf_daily} on the dataset pipeline:
 * a job and its launch per dataset, tuned by {@code marketbase.jobs.daily.*},
 * {@code marketbase.jobs.index-daily.*} and {@code marketbase.jobs.etf-daily.*}.
 */
@Configuration(proxyBeanMethods = false)
class DailyBarsJobConfiguration {

	@Bean
	Job dailyJob(DatasetJobs jobs, SourceResolver sources) {
		return jobs.job(new DailyBars(DailyDataset.DAILY, sources));
	}

	@Bean
	JobLaunch dailyLaunch(DatasetJobs jobs, SourceResolver sources) {
		return jobs.launch(new DailyBars(DailyDataset.DAILY, sources));
	}

	@Bean
	Job indexDailyJob(DatasetJobs jobs, SourceResolver sources) {
		return jobs.job(new DailyBars(DailyDataset.INDEX_DAILY, sources));
	}

	@Bean
	JobLaunch indexDailyLaunch(DatasetJobs jobs, SourceResolver sources) {
		return jobs.launch(new DailyBars(DailyDataset.INDEX_DAILY, sources));
	}

	@Bean
	Job etfDailyJob(DatasetJobs jobs, SourceResolver sources) {
		return jobs.job(new DailyBars(DailyDataset.ETF_DAILY, sources));
	}

	@Bean
	JobLaunch etfDailyLaunch(DatasetJobs jobs, SourceResolver sources) {
		return jobs.launch(new DailyBars(DailyDataset.ETF_DAILY, sources));
	}

}
