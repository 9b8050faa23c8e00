package com.marketbase.batch.job.indexminute;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.pipeline.DatasetJobs;
import com.marketbase.batch.warehouse.BarAggregateRefresher;
import com.marketbase.batch.warehouse.WarehouseInfo;

import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@code index_minute} on the dataset pipeline, tuned by
 * {@code marketbase.jobs.index-minute.*}.
 */
@Configuration(proxyBeanMethods = false)
class IndexMinuteJobConfiguration {

	@Bean
	Job indexMinuteJob(DatasetJobs jobs, SourceResolver sources, WarehouseInfo warehouse,
			BarAggregateRefresher aggregates) {
		return jobs.job(new IndexMinutes(sources, warehouse.mode(), aggregates));
	}

	@Bean
	JobLaunch indexMinuteLaunch(DatasetJobs jobs, SourceResolver sources, WarehouseInfo warehouse,
			BarAggregateRefresher aggregates) {
		return jobs.launch(new IndexMinutes(sources, warehouse.mode(), aggregates));
	}

}
