package com.marketbase.batch.job.fxdaily;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;

import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code fx_daily} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.fx-daily.*}.
 */
@Configuration(proxyBeanMethods = false)
class FxDailyJobConfiguration {

	@Bean
	Job fxDailyJob(DatasetJobs jobs, SourceResolver sources) {
		return jobs.job(new FxDaily(sources));
	}

	@Bean
	JobLaunch fxDailyLaunch(DatasetJobs jobs, SourceResolver sources) {
		return jobs.launch(new FxDaily(sources));
	}

}
