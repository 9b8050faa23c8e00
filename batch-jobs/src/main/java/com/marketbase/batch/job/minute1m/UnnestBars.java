package com.marketbase.batch.job.minute1m;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.BarArrays;

/**
 * Writes a chunk's bars into {@code market.bars_1m} by one prepared
 * {@code INSERT ... SELECT FROM unnest(arrays)}, where COPY is not available or not
 * chosen ({@code marketbase.jobs.minute-1m.bar-writer=unnest}). The same semantics as the
 * COPY path: new bars are inserted; when some are stored already (a unique violation) the
 * insert is rolled back to its savepoint and the chunk upserted, replacing the stored
 * values with the source, load batch and load time of this load.
 */
final class UnnestBars {

	private static final String INSERT = "insert into market.bars_1m (symbol, ts, open, high, low, close, volume, "
			+ "amount, source, load_batch_id) select symbol, ts, open, high, low, close, volume, amount, ?, ? from "
			+ BarArrays.UNNEST + " as b (symbol, ts, open, high, low, close, volume, amount)";

	private static final String UPSERT = INSERT + " " + MinuteBarWriter.REPLACE_STORED;

	private final LoadContext context;

	UnnestBars(LoadContext context) {
		this.context = context;
	}

	/**
	 * Writes the bars in the connection's transaction.
	 * @param connection the chunk's connection
	 * @param bars the bars, at least one
	 * @return the bars written
	 * @throws SQLException when the database refuses them
	 */
	long write(Connection connection, List<Bar> bars) throws SQLException {
		BarArrays arrays = BarArrays.of(bars);
		Savepoint beforeInsert = connection.setSavepoint();
		try {
			int inserted = execute(connection, INSERT, arrays);
			connection.releaseSavepoint(beforeInsert);
			return inserted;
		}
		catch (SQLException ex) {
			if (!MinuteBarWriter.UNIQUE_VIOLATION.equals(ex.getSQLState())) {
				throw ex;
			}
			connection.rollback(beforeInsert);
		}
		return execute(connection, UPSERT, arrays);
	}

	private int execute(Connection connection, String sql, BarArrays arrays) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, this.context.source().key());
			statement.setLong(2, this.context.loadBatchId());
			arrays.bind(statement, 3);
			return statement.executeUpdate();
		}
	}

}
