package com.marketbase.batch.job.minute1m;

import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.dao.DataAccessException;

/**
 * Refreshes the aggregates of an execution that did not complete, where they are
 * refreshed after the load (continuous aggregates, or rollups not written while loading):
 * the aggregate step never runs after a failed load, and the chunks it committed would
 * otherwise keep stale 5/15/30/60-minute bars until a restart completes. Where the writer
 * rolled every chunk up there is nothing to do.
 */
class FailedLoadRefresh implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(FailedLoadRefresh.class);

	private final Function<JobExecution, Minute1mAggregateTasklet> aggregates;

	/**
	 * A listener.
	 * @param aggregates the aggregate step's work for an execution, with no refresher
	 * when the writer rolled up all of it
	 */
	FailedLoadRefresh(Function<JobExecution, Minute1mAggregateTasklet> aggregates) {
		this.aggregates = aggregates;
	}

	@Override
	public void afterJob(JobExecution execution) {
		var job = execution.getExecutionContext();
		if (execution.getStatus() == BatchStatus.COMPLETED || !job.containsKey(Minute1mPrepareTasklet.LOAD_BATCH)
				|| job.containsKey(Minute1mAggregateTasklet.WINDOW)) {
			return;
		}
		Minute1mAggregateTasklet tasklet = this.aggregates.apply(execution);
		if (!tasklet.refreshes()) {
			return;
		}
		try {
			String windows = tasklet.refreshAll();
			if (!windows.isEmpty()) {
				job.putString(Minute1mAggregateTasklet.WINDOW, windows + " after the failed load");
			}
		}
		catch (DataAccessException ex) {
			logger.warn("minute_1m execution {}: refreshing the aggregates of what it loaded failed: {}",
					execution.getId(), ex.getMessage());
		}
	}

}
