package com.marketbase.batch.job.futmapping;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;

import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code fut_mapping} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.fut-mapping.*}.
 */
@Configuration(proxyBeanMethods = false)
class MainContractsJobConfiguration {

	@Bean
	Job futMappingJob(DatasetJobs jobs, SourceResolver sources) {
		return jobs.job(new MainContracts(sources));
	}

	@Bean
	JobLaunch futMappingLaunch(DatasetJobs jobs, SourceResolver sources) {
		return jobs.launch(new MainContracts(sources));
	}

}
