package com.marketbase.batch.job.minute1m;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.job.LoadProgress;
import com.marketbase.batch.source.Bar;
import com.marketbase.batch.source.RejectedRow;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a chunk of work units in the chunk's transaction: bars by COPY into a
 * session-local staging table and one {@code INSERT ... ON CONFLICT DO UPDATE} into
 * {@code market.bars_1m} (so corrections replace old values), then the rejected rows,
 * each day's outcome, and the failed-unit bookkeeping. The step's checkpoint commits in
 * the same transaction, so a crash leaves either all of a chunk or none of it.
 */
class MinuteBarWriter implements ItemWriter<LoadedUnit> {

	static final String DATASET = "minute_1m";

	private static final String STAGING = "minute_bars_staging";

	private static final String UNIQUE_VIOLATION = "23505";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final LoadContext context;

	private final LoadProgress progress;

	MinuteBarWriter(DataSource dataSource, LoadContext context, LoadProgress progress) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.context = context;
		this.progress = progress;
	}

	@Override
	public void write(Chunk<? extends LoadedUnit> chunk) throws SQLException {
		List<Bar> bars = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		List<DayOutcome> days = new ArrayList<>();
		for (LoadedUnit unit : chunk) {
			bars.addAll(unit.bars());
			rejected.addAll(unit.rejected());
			days.addAll(unit.days());
		}
		long stored = bars.isEmpty() ? 0 : upsert(bars);
		recordRejects(rejected);
		recordDays(days);
		// Progress counts what is committed: a chunk rolled back was not done.
		Runnable count = () -> {
			this.progress.written(days.size(), stored, rejected.size());
			days.forEach((day) -> this.progress.counted(day.status().column()));
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					count.run();
				}
			});
		}
		else {
			count.run();
		}
	}

	private long upsert(List<Bar> bars) throws SQLException {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		String stamp = "\t" + this.context.source().key() + "\t" + this.context.loadBatchId();
		// New bars, the usual case, go straight in by COPY: the fastest way into the
		// table. Only
		// when some of them are stored already (a correction, a forced reload) does the
		// chunk
		// take the slower upsert.
		Savepoint beforeCopy = connection.setSavepoint();
		try {
			copy(connection, "copy market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
					+ "load_batch_id) from stdin (format text)", bars, stamp);
			connection.releaseSavepoint(beforeCopy);
			return bars.size();
		}
		catch (SQLException ex) {
			if (!UNIQUE_VIOLATION.equals(ex.getSQLState())) {
				throw ex;
			}
			connection.rollback(beforeCopy);
		}
		try (Statement statement = connection.createStatement()) {
			// On commit the rows go, the table stays for the connection's next chunk.
			statement.execute("create temporary table if not exists " + STAGING + " (symbol text, ts timestamptz, "
					+ "open numeric, high numeric, low numeric, close numeric, volume bigint, amount numeric) "
					+ "on commit delete rows");
			copy(connection, "copy " + STAGING + " from stdin (format text)", bars, "");
			return statement.executeUpdate(
					"""
							insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, load_batch_id)
							select symbol, ts, open, high, low, close, volume, amount, '%s', %d from %s
							on conflict (symbol, ts) do update set open = excluded.open, high = excluded.high,
								low = excluded.low, close = excluded.close, volume = excluded.volume, amount = excluded.amount,
								source = excluded.source, load_batch_id = excluded.load_batch_id, loaded_at = now()
							"""
						.formatted(this.context.source().key(), this.context.loadBatchId(), STAGING));
		}
	}

	private static void copy(Connection connection, String sql, List<Bar> bars, String suffix) throws SQLException {
		CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
		try {
			StringBuilder rows = new StringBuilder(bars.size() * 112);
			for (Bar bar : bars) {
				rows.append(bar.symbol())
					.append('\t')
					.append(bar.end())
					.append('\t')
					.append(bar.open().toPlainString())
					.append('\t')
					.append(bar.high().toPlainString())
					.append('\t')
					.append(bar.low().toPlainString())
					.append('\t')
					.append(bar.close().toPlainString())
					.append('\t')
					.append(bar.volume())
					.append('\t')
					.append(bar.amount().toPlainString())
					.append(suffix)
					.append('\n');
			}
			byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
			copy.writeToCopy(bytes, 0, bytes.length);
			copy.endCopy();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
	}

	private void recordRejects(List<RejectedRow> rejected) {
		if (rejected.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("insert into market.rejected_rows (dataset, source, symbol, reason, payload, "
				+ "load_batch_id) values (?, ?, ?, ?, ?, ?)", rejected, rejected.size(), (ps, row) -> {
					ps.setString(1, DATASET);
					ps.setString(2, row.source().key());
					ps.setString(3, row.symbol());
					ps.setString(4, row.reason());
					ps.setString(5, row.payload());
					ps.setLong(6, this.context.loadBatchId());
				});
	}

	private void recordDays(List<DayOutcome> days) {
		this.jdbc.batchUpdate(
				"""
						insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, rows_expected, reason,
							source, load_batch_id, job_execution_id)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						on conflict (dataset, symbol, trade_date) do update set status = excluded.status,
							rows_loaded = excluded.rows_loaded, rows_expected = excluded.rows_expected, reason = excluded.reason,
							source = excluded.source, load_batch_id = excluded.load_batch_id,
							job_execution_id = excluded.job_execution_id, updated_at = now()
						""",
				days, days.size(), (ps, day) -> {
					ps.setString(1, DATASET);
					ps.setString(2, day.symbol());
					ps.setObject(3, day.day());
					ps.setString(4, day.status().column());
					ps.setInt(5, day.bars());
					ps.setInt(6, day.expected());
					ps.setString(7, day.reason());
					ps.setString(8, this.context.source().key());
					ps.setLong(9, this.context.loadBatchId());
					ps.setLong(10, this.context.jobExecutionId());
				});
		List<DayOutcome> failed = days.stream().filter((day) -> day.status() == DayStatus.FAILED).toList();
		this.jdbc.batchUpdate("""
				insert into market.failed_work_units (dataset, unit_key, source, retry_count, last_error)
				values (?, ?, ?, 0, ?)
				on conflict (dataset, unit_key) where resolved_at is null
				do update set retry_count = market.failed_work_units.retry_count + 1, last_error = excluded.last_error,
					last_failed_at = now()
				""", failed, failed.size(), (ps, day) -> {
			ps.setString(1, DATASET);
			ps.setString(2, unitKey(day));
			ps.setString(3, this.context.source().key());
			ps.setString(4, String.valueOf(day.reason()));
		});
		List<DayOutcome> read = days.stream().filter((day) -> day.status() != DayStatus.FAILED).toList();
		this.jdbc.batchUpdate(
				"update market.failed_work_units set resolved_at = now() "
						+ "where dataset = ? and unit_key = ? and resolved_at is null",
				read, read.size(), (ps, day) -> {
					ps.setString(1, DATASET);
					ps.setString(2, unitKey(day));
				});
	}

	static String unitKey(DayOutcome day) {
		return day.symbol() + "/" + day.day();
	}

}
