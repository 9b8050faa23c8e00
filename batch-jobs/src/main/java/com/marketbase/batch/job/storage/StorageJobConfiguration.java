package com.marketbase.batch.job.storage;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.marketbase.batch.support.execution.ExecutionOwner;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.storage.StorageMaintenance;
import com.marketbase.batch.warehouse.storage.StorageOutcome;
import com.marketbase.batch.warehouse.storage.StoragePolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires {@code storage}: one step that applies every table's storage policy (see
 * {@link StorageMaintenance}) and ends with one line per table and policy; a table whose
 * policy failed fails the step, after the others were done.
 */
@Configuration(proxyBeanMethods = false)
class StorageJobConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(StorageJobConfiguration.class);

	@Bean
	Job storageJob(JobRepository jobRepository, Step storageApplyStep) {
		return new JobBuilder(StorageLaunch.JOB_NAME, jobRepository).start(storageApplyStep)
			.listener(ExecutionOwner.recorder(jobRepository))
			.build();
	}

	@Bean
	StorageLaunch storageLaunch(Clock clock) {
		return new StorageLaunch(clock);
	}

	// The maintenance takes a connection of its own in autocommit; the step's
	// transaction only keeps the step's own bookkeeping.
	@Bean
	Step storageApplyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DataSource dataSource, WarehouseInfo warehouse, StoragePolicies policies) {
		return new StepBuilder("storage.apply", jobRepository).tasklet((contribution, chunk) -> {
			List<StorageOutcome> outcomes = new StorageMaintenance(dataSource, warehouse, policies).run();
			outcomes.forEach((outcome) -> logger.info("storage: " + outcome));
			List<StorageOutcome> failed = outcomes.stream().filter(StorageOutcome::failed).toList();
			if (!failed.isEmpty()) {
				throw new IllegalStateException(failed.size() + " storage policies failed: "
						+ failed.stream().map(StorageOutcome::toString).collect(Collectors.joining("; ")));
			}
			contribution.setExitStatus(ExitStatus.COMPLETED
				.addExitDescription(outcomes.stream().map(StorageOutcome::toString).collect(Collectors.joining("; "))));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
