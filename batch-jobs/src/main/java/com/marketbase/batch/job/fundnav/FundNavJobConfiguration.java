package com.marketbase.batch.job.fundnav;

import java.time.LocalDate;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;
import org.springframework.batch.core.job.Job;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires {@code fund_nav} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.fund-nav.*}.
 */
@Configuration(proxyBeanMethods = false)
class FundNavJobConfiguration {

	@Bean
	Job fundNavJob(DatasetJobs jobs, SourceResolver sources, Environment environment) {
		return jobs.job(new FundNavs(sources, historyStart(environment)));
	}

	@Bean
	JobLaunch fundNavLaunch(DatasetJobs jobs, SourceResolver sources, Environment environment) {
		return jobs.launch(new FundNavs(sources, historyStart(environment)));
	}

	/** {@code marketbase.jobs.fund-nav.history-start}, 2020-01-01 unless set. */
	private static LocalDate historyStart(Environment environment) {
		return Binder.get(environment)
			.bind("marketbase.jobs.fund-nav.history-start", LocalDate.class)
			.orElse(LocalDate.of(2020, 1, 1));
	}

}
