package com.marketbase.batch.job.macro;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;

import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires {@code macro} on the dataset pipeline, tuned by {@code marketbase.jobs.macro.*}.
 */
@Configuration(proxyBeanMethods = false)
class MacroJobConfiguration {

	@Bean
	Job macroJob(DatasetJobs jobs, SourceResolver sources, Environment environment) {
		return jobs.job(new Macro(sources, MacroRules.of(environment)));
	}

	@Bean
	JobLaunch macroLaunch(DatasetJobs jobs, SourceResolver sources, Environment environment) {
		return jobs.launch(new Macro(sources, MacroRules.of(environment)));
	}

}
