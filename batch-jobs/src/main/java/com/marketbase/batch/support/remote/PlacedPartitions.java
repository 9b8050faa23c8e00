package com.marketbase.batch.support.remote;

import java.util.Collection;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs a load's partitions where its launch says: here (the handler it was given), or
 * with {@code workers=remote} on remote workers. Restarts keep the launch's parameters,
 * so a remote load restarts remotely.
 */
final class PlacedPartitions implements PartitionHandler {

	private final PartitionHandler local;

	private final RemoteWorkers remote;

	private final String stepBean;

	PlacedPartitions(PartitionHandler local, RemoteWorkers remote, String stepBean) {
		this.local = local;
		this.remote = remote;
		this.stepBean = stepBean;
	}

	@Override
	public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
		String placement = manager.getJobExecution()
			.getJobParameters()
			.getString(WorkersProperties.PARAMETER, WorkersProperties.LOCAL);
		if (WorkersProperties.REMOTE.equals(placement)) {
			return this.remote.handle(this.stepBean, splitter, manager);
		}
		return this.local.handle(splitter, manager);
	}

}
