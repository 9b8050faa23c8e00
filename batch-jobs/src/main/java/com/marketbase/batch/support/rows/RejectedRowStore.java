package com.marketbase.batch.support.rows;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the rows a source sent that a job could not accept in
 * {@code market.rejected_rows}, in the caller's transaction, under the load batch that
 * read them, so that the run's summary counts them: a row is never lost silently.
 */
public final class RejectedRowStore {

	private final JdbcTemplate jdbc;

	private final String dataset;

	public RejectedRowStore(DataSource dataSource, String dataset) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.dataset = dataset;
	}

	/**
	 * Stores rejected rows.
	 * @param rows the rows
	 * @param loadBatch the load batch of the run that read them
	 */
	public void store(List<RejectedRow> rows, long loadBatch) {
		if (rows.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("insert into market.rejected_rows (dataset, source, symbol, reason, payload, "
				+ "load_batch_id) values (?, ?, ?, ?, ?, ?)", rows, 500, (ps, row) -> {
					ps.setString(1, this.dataset);
					ps.setString(2, row.source());
					ps.setString(3, row.symbol());
					ps.setString(4, row.reason());
					ps.setString(5, row.payload());
					ps.setLong(6, loadBatch);
				});
	}

	/**
	 * The rows a load batch rejected.
	 * @param loadBatch the batch
	 * @return the count
	 */
	public long count(long loadBatch) {
		Long count = this.jdbc.queryForObject("select count(*) from market.rejected_rows where load_batch_id = ?",
				Long.class, loadBatch);
		return (count != null) ? count : 0;
	}

}
