package com.marketbase.batch.schedule;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.chain.Chain;
import com.marketbase.batch.support.launch.JobLaunch;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The schedule, in {@code batch.jar serve} only: command-line runs never launch anything
 * on their own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "marketbase.schedule.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ScheduleProperties.class)
class ScheduleConfiguration {

	@Bean
	JobScheduler jobScheduler(ScheduleProperties properties, List<Job> jobs, List<JobLaunch> launches,
			JobOperator operator, JobRepository repository, DataSource dataSource, Clock clock, Chain chain) {
		return new JobScheduler(properties, jobs, launches, operator, repository, dataSource, clock, chain);
	}

	@Bean
	ScheduleRunner scheduleRunner(JobScheduler jobScheduler, Clock clock) {
		return new ScheduleRunner(jobScheduler, clock);
	}

}
