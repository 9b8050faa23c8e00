package com.marketbase.batch.job.reference;

import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.source.RejectedRow;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the rows a source sent that a reference job could not accept in
 * {@code market.rejected_rows}, in the chunk's transaction, and counts them in the step's
 * context so that the run's summary names them: a row is never lost silently.
 */
public class RejectedRowStore {

	private static final String COUNT = "rejected";

	private final JdbcTemplate jdbc;

	private final String dataset;

	public RejectedRowStore(DataSource dataSource, String dataset) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.dataset = dataset;
	}

	/**
	 * Stores rejected rows and adds them to the step's count.
	 * @param rows the rows
	 * @param step the step that read them
	 */
	public void store(List<RejectedRow> rows, StepExecution step) {
		if (rows.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(
				"insert into market.rejected_rows (dataset, source, symbol, reason, payload) values (?, ?, ?, ?, ?)",
				rows, rows.size(), (ps, row) -> {
					ps.setString(1, this.dataset);
					ps.setString(2, row.source().key());
					ps.setString(3, row.symbol());
					ps.setString(4, row.reason());
					ps.setString(5, row.payload());
				});
		step.getExecutionContext().putLong(COUNT, step.getExecutionContext().getLong(COUNT, 0) + rows.size());
	}

	/**
	 * The rows rejected by the steps of an execution.
	 * @param execution the job execution
	 * @return the count
	 */
	public static long count(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.mapToLong((step) -> step.getExecutionContext().getLong(COUNT, 0))
			.sum();
	}

}
