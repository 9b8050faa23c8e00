package com.marketbase.batch.chain;

import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.support.launch.JobLaunch;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chain, for the command line's {@code chain} and the schedule's {@code job=chain}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChainProperties.class)
class ChainConfiguration {

	@Bean
	Chain chain(ChainProperties properties, List<Job> jobs, List<JobLaunch> launches, JobOperator operator,
			DataSource dataSource) {
		return new Chain(properties, jobs, launches, operator, dataSource);
	}

}
