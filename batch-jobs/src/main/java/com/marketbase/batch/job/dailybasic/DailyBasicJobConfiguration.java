package com.marketbase.batch.job.dailybasic;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;

import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code daily_basic} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.daily-basic.*}.
 */
@Configuration(proxyBeanMethods = false)
class DailyBasicJobConfiguration {

	@Bean
	Job dailyBasicJob(DatasetJobs jobs, SourceResolver sources) {
		return jobs.job(new DailyBasic(sources));
	}

	@Bean
	JobLaunch dailyBasicLaunch(DatasetJobs jobs, SourceResolver sources) {
		return jobs.launch(new DailyBasic(sources));
	}

}
