package com.marketbase.batch.job.moneyflow;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;

import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code moneyflow} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.moneyflow.*}.
 */
@Configuration(proxyBeanMethods = false)
class MoneyflowJobConfiguration {

	@Bean
	Job moneyflowJob(DatasetJobs jobs, SourceResolver sources) {
		return jobs.job(new Moneyflow(sources));
	}

	@Bean
	JobLaunch moneyflowLaunch(DatasetJobs jobs, SourceResolver sources) {
		return jobs.launch(new Moneyflow(sources));
	}

}
