package com.marketbase.batch.job.sgedaily;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;

import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code sge_daily} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.sge-daily.*}.
 */
@Configuration(proxyBeanMethods = false)
class SpotDailyJobConfiguration {

	@Bean
	Job sgeDailyJob(DatasetJobs jobs, SourceResolver sources) {
		return jobs.job(new SpotDaily(sources));
	}

	@Bean
	JobLaunch sgeDailyLaunch(DatasetJobs jobs, SourceResolver sources) {
		return jobs.launch(new SpotDaily(sources));
	}

}
