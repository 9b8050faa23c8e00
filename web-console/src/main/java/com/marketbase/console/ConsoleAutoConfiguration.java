package com.marketbase.console;

import java.util.List;

import javax.sql.DataSource;

import com.marketbase.console.action.ActionConflictException;
import com.marketbase.console.action.ExecutionActions;
import com.marketbase.console.action.ExecutionRecovery;
import com.marketbase.console.bars.BarQueries;
import com.marketbase.console.execution.ExecutionDetails;
import com.marketbase.console.execution.ExecutionList;
import com.marketbase.console.execution.ExecutionLiveness;
import com.marketbase.console.job.JobCatalog;
import com.marketbase.console.job.JobFacts;
import com.marketbase.console.log.ExecutionLogs;
import com.marketbase.console.security.SecurityConfiguration;

import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console, switched on when the application runs as a servlet web application
 * ({@code batch.jar serve}); command-line runs never load it.
 */
// Before Boot's user details, which would otherwise add its own generated user.
@AutoConfiguration(afterName = "org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration",
		beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(ConsoleProperties.class)
@Import({ SecurityConfiguration.class, ConsoleProblems.class })
// The controllers are package-private in their feature packages; scanning for them alone
// keeps them so.
@ComponentScan(basePackageClasses = ConsoleAutoConfiguration.class, useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(RestController.class))
public class ConsoleAutoConfiguration {

	// Coverage and bar reads at once; fewer than the pool's connections, so that loads
	// and the job repository always find one.
	private static final int READ_THREADS = 6;

	/**
	 * The console's own operator: it launches on new threads, so that a restart or launch
	 * returns at once with the new execution. The command line keeps Boot's synchronous
	 * operator, whose exit code waits for the job.
	 * @param repository the job repository
	 * @param jobs the jobs of this process
	 * @return the operator
	 * @throws Exception when the operator cannot be set up
	 */
	@Bean(defaultCandidate = false)
	@Qualifier("console")
	JobOperator consoleJobOperator(JobRepository repository, List<Job> jobs) throws Exception {
		MapJobRegistry registry = new MapJobRegistry();
		for (Job job : jobs) {
			try {
				registry.register(job);
			}
			catch (DuplicateJobException ex) {
				throw new IllegalStateException("Two jobs are named " + job.getName(), ex);
			}
		}
		TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
		operator.setJobRepository(repository);
		operator.setJobRegistry(registry);
		operator.setTaskExecutor(new SimpleAsyncTaskExecutor("console-job-"));
		operator.afterPropertiesSet();
		return operator;
	}

	@Bean
	@ConditionalOnMissingBean
	JobCatalog consoleJobCatalog(List<Job> jobs, List<JobFacts> facts) {
		return new JobCatalog(jobs, facts);
	}

	/**
	 * The body limit, ahead of the security filters, so that no filter reads an oversized
	 * body.
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<RequestLimits> consoleRequestLimits() {
		FilterRegistrationBean<RequestLimits> registration = new FilterRegistrationBean<>(new RequestLimits());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	ConsoleSql consoleSql(DataSource dataSource, ConsoleProperties properties) {
		return new ConsoleSql(dataSource, properties.queryTimeout());
	}

	@Bean
	WatchedReads consoleWatchedReads(ConsoleProperties properties) {
		return new WatchedReads(READ_THREADS, properties.queryTimeout());
	}

	@Bean
	WebMvcConfigurer consoleAsyncReads(WatchedReads consoleWatchedReads) {
		return new WebMvcConfigurer() {
			@Override
			public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
				configurer.registerDeferredResultInterceptors(consoleWatchedReads);
			}
		};
	}

	@Bean
	ExecutionList consoleExecutionList(ConsoleSql consoleSql) {
		return new ExecutionList(consoleSql);
	}

	@Bean
	ExecutionDetails consoleExecutionDetails(JobRepository repository, JobCatalog consoleJobCatalog,
			ObjectProvider<ExecutionLiveness> liveness, ConsoleSql consoleSql) {
		return new ExecutionDetails(repository, consoleJobCatalog,
				liveness.getIfAvailable(() -> (execution) -> ExecutionLiveness.Verdict.UNKNOWN), consoleSql);
	}

	@Bean
	ExecutionActions consoleExecutionActions(@Qualifier("console") JobOperator consoleJobOperator,
			ExecutionDetails consoleExecutionDetails, JobCatalog consoleJobCatalog,
			ObjectProvider<ExecutionRecovery> recovery) {
		return new ExecutionActions(consoleJobOperator, consoleExecutionDetails, consoleJobCatalog,
				recovery.getIfAvailable(() -> (execution) -> {
					throw new ActionConflictException("This server cannot recover an UNKNOWN execution.");
				}));
	}

	@Bean
	ExecutionLogs consoleExecutionLogs(ConsoleProperties properties) {
		return new ExecutionLogs(properties.logDirectory());
	}

	@Bean
	BarQueries consoleBarQueries(ConsoleSql consoleSql) {
		return new BarQueries(consoleSql);
	}

}
