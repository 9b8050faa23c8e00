package com.marketbase.batch.funds;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;

/**
 * The fund queue in this application. The server ({@code batch.jar serve}) also runs it,
 * unless {@code marketbase.funds.worker=false}; command-line runs only queue work.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FundsProperties.class)
class FundsConfiguration {

	@Bean(destroyMethod = "close")
	FundQueue fundQueue(DataSource dataSource, SourceResolver resolver, FundsProperties properties, Clock clock,
			List<Job> jobs, List<JobLaunch> launches, JobOperator operator) {
		FundSources sources = new FundSources(resolver, properties);
		FundEstimator estimator = new FundEstimator(dataSource, sources, properties, clock,
				new TradingHours(dataSource));
		Job job = jobs.stream().filter((candidate) -> candidate.getName().equals(NavSync.JOB)).findFirst().orElse(null);
		JobLaunch launch = launches.stream()
			.filter((candidate) -> candidate.jobName().equals(NavSync.JOB))
			.findFirst()
			.orElse(null);
		NavSync sync = (job != null && launch != null) ? new NavSync(job, launch, operator, sources.source().key())
				: null;
		return new FundQueue(dataSource, estimator, sync, properties, clock, workerName());
	}

	/** host/pid, as the table's picked_by and the console show it. */
	static String workerName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
	}

	@Bean
	@ConditionalOnWebApplication
	@ConditionalOnBooleanProperty(name = "marketbase.funds.worker", matchIfMissing = true)
	SmartLifecycle fundWorker(FundQueue queue) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				queue.start();
				this.running = true;
			}

			@Override
			public void stop() {
				queue.close();
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

}
