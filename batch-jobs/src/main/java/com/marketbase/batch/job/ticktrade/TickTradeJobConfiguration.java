package com.marketbase.batch.job.ticktrade;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;

import org.springframework.batch.core.job.Job;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires {@code tick_trade} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.tick-trade.*}.
 */
@Configuration(proxyBeanMethods = false)
class TickTradeJobConfiguration {

	@Bean
	Job tickTradeJob(DatasetJobs jobs, SourceResolver sources, Environment environment) {
		return jobs.job(new TickTrades(sources, recentDays(environment)));
	}

	@Bean
	JobLaunch tickTradeLaunch(DatasetJobs jobs, SourceResolver sources, Environment environment) {
		return jobs.launch(new TickTrades(sources, recentDays(environment)));
	}

	/** {@code marketbase.jobs.tick-trade.recent-days}: 60 unless set, at least 1. */
	private static int recentDays(Environment environment) {
		int days = Binder.get(environment).bind("marketbase.jobs.tick-trade.recent-days", Integer.class).orElse(60);
		if (days < 1 || days > 2000) {
			throw new IllegalArgumentException(
					"marketbase.jobs.tick-trade.recent-days is between 1 and 2000, not " + days + ".");
		}
		return days;
	}

}
