package com.marketbase.batch.job.futdaily;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;

import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code fut_daily} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.fut-daily.*}.
 */
@Configuration(proxyBeanMethods = false)
class FuturesDailyJobConfiguration {

	@Bean
	Job futDailyJob(DatasetJobs jobs, SourceResolver sources) {
		return jobs.job(new FuturesDaily(sources));
	}

	@Bean
	JobLaunch futDailyLaunch(DatasetJobs jobs, SourceResolver sources) {
		return jobs.launch(new FuturesDaily(sources));
	}

}
