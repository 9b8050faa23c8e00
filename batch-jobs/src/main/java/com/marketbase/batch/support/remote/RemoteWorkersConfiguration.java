package com.marketbase.batch.support.remote;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Remote workers' beans. Nothing connects to a broker until a launch asks for remote
 * workers or a worker starts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkersProperties.class)
class RemoteWorkersConfiguration {

	@Bean
	WorkerRegistry workerRegistry(DataSource dataSource) {
		return new WorkerRegistry(dataSource);
	}

	@Bean
	RemoteWorkers remoteWorkers(WorkersProperties properties, WorkerRegistry registry, JobRepository repository) {
		return new RemoteWorkers(properties, registry, repository);
	}

	@Bean
	PartitionWorker partitionWorker(RemoteWorkers workers, BeanFactory beans) {
		return new PartitionWorker(workers, beans);
	}

}
