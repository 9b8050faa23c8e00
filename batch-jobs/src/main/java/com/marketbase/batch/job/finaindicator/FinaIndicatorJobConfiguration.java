package com.marketbase.batch.job.finaindicator;

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
 * Wires {@code fina_indicator} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.fina-indicator.*}.
 */
@Configuration(proxyBeanMethods = false)
class FinaIndicatorJobConfiguration {

	@Bean
	Job finaIndicatorJob(DatasetJobs jobs, SourceResolver sources, Environment environment) {
		return jobs.job(new FinaIndicator(sources, historyStart(environment)));
	}

	@Bean
	JobLaunch finaIndicatorLaunch(DatasetJobs jobs, SourceResolver sources, Environment environment) {
		return jobs.launch(new FinaIndicator(sources, historyStart(environment)));
	}

	/** {@code marketbase.jobs.fina-indicator.history-start}, 2010-01-01 unless set. */
	private static LocalDate historyStart(Environment environment) {
		return Binder.get(environment)
			.bind("marketbase.jobs.fina-indicator.history-start", LocalDate.class)
			.orElse(LocalDate.of(2010, 1, 1));
	}

}
