package com.marketbase.batch.serve;

import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.support.execution.DatabaseLoss;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.LaunchSources;
import com.marketbase.batch.support.launch.RestartCheck;
import com.marketbase.batch.support.remote.RemoteWorkers;
import com.marketbase.console.action.ExecutionRecovery;
import com.marketbase.console.job.JobCatalog;
import com.marketbase.console.job.JobFacts;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's catalog of this application's jobs, each with the facts its launch gives.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ServeConfiguration {

	/**
	 * The console recovers an UNKNOWN execution as the command line does.
	 * @param repository the job repository
	 * @return the recovery
	 */
	@Bean
	ExecutionRecovery executionRecovery(JobRepository repository) {
		return (execution) -> DatabaseLoss.markFailed(repository, execution);
	}

	@Bean
	JobCatalog jobCatalog(List<Job> jobs, List<JobLaunch> launches, LaunchSources sources, DataSource dataSource,
			RemoteWorkers workers) {
		RestartCheck restarts = new RestartCheck(sources, dataSource, workers);
		return new JobCatalog(jobs,
				launches.stream().<JobFacts>map((launch) -> new LaunchFacts(launch, restarts)).toList());
	}

}
