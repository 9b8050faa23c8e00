package com.marketbase.batch.serve;

import java.util.List;

import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.console.job.JobCatalog;
import com.marketbase.console.job.JobFacts;

import org.springframework.batch.core.job.Job;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's catalog of this application's jobs, each with the facts its launch gives.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ServeConfiguration {

	@Bean
	JobCatalog jobCatalog(List<Job> jobs, List<JobLaunch> launches) {
		return new JobCatalog(jobs, launches.stream().<JobFacts>map(LaunchFacts::new).toList());
	}

}
