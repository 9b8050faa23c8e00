package com.marketbase.batch.support.units;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The load batches of {@code market.load_batches}: one per job instance, named by every
 * row the instance stores, with the source it read. What a warehouse holds from which
 * source is read from here.
 */
public final class LoadBatches {

	private final JdbcTemplate jdbc;

	public LoadBatches(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Opens a batch.
	 * @param dataset the dataset (or reference job) loaded
	 * @param source the source's key
	 * @param jobExecutionId the execution that opens it
	 * @return the batch's id
	 */
	public long open(String dataset, String source, long jobExecutionId) {
		Long id = this.jdbc.queryForObject(
				"insert into market.load_batches (dataset, source, job_execution_id) values (?, ?, ?) returning id",
				Long.class, dataset, source, jobExecutionId);
		return (id != null) ? id : 0;
	}

}
