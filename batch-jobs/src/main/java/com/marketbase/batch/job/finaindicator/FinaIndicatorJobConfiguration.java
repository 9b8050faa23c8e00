package com.marketbase.batch.job.finaindicator;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;

import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code fina_indicator} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.fina-indicator.*}.
 */
@Configuration(proxyBeanMethods = false)
class FinaIndicatorJobConfiguration {

	@Bean
	Job finaIndicatorJob(DatasetJobs jobs, SourceResolver sources) {
		return jobs.job(new FinaIndicator(sources));
	}

	@Bean
	JobLaunch finaIndicatorLaunch(DatasetJobs jobs, SourceResolver sources) {
		return jobs.launch(new FinaIndicator(sources));
	}

}
