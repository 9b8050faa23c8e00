package com.marketbase.batch.support.execution;

import javax.sql.DataSource;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Starts the progress count of this process when a load step begins, counting the units
 * that earlier executions of the job instance already stored under its load batch.
 */
public final class ProgressStart implements StepExecutionListener {

	private final LoadProgress progress;

	private final JdbcTemplate jdbc;

	private final String batchKey;

	private final String plannedKey;

	/**
	 * A listener.
	 * @param progress the progress of this process
	 * @param dataSource the warehouse
	 * @param batchKey where the job keeps its load batch in the job execution context
	 * @param plannedKey where it keeps the number of units it planned
	 */
	public ProgressStart(LoadProgress progress, DataSource dataSource, String batchKey, String plannedKey) {
		this.progress = progress;
		this.jdbc = new JdbcTemplate(dataSource);
		this.batchKey = batchKey;
		this.plannedKey = plannedKey;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		ExecutionContext job = stepExecution.getJobExecution().getExecutionContext();
		Long done = this.jdbc.queryForObject(
				"select count(*) from market.load_units where load_batch_id = ? and status <> 'failed'", Long.class,
				job.getLong(this.batchKey));
		this.progress.start(job.getLong(this.plannedKey, 0), (done != null) ? done : 0);
	}

}
