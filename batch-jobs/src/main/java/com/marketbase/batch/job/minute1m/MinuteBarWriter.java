package com.marketbase.batch.job.minute1m;

import com.marketbase.batch.warehouse.BarCopyBinary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.support.execution.LoadProgress;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.support.units.UnitOutcomes;
import com.marketbase.batch.support.units.UnitFailures;
import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.warehouse.AggregateWindow;
import com.marketbase.batch.warehouse.BarAggregateRefresher;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a chunk of work units in the chunk's transaction: bars by COPY into a
 * session-local staging table and one {@code INSERT ... ON CONFLICT DO UPDATE} into
 * {@code market.bars_1m} (so corrections replace old values), then, unless the warehouse
 * keeps continuous aggregates, the 5/15/30/60-minute bars of the days it wrote (complete
 * days rolled up in memory and sent by COPY as well, partial days rebuilt from the
 * table), then the rejected rows, each day's outcome, and the failed-unit bookkeeping (a
 * day that failed {@code quarantine-after} times is quarantined: every minute call reads
 * one instrument, so its failures are its own). The step's checkpoint commits in the same
 * transaction, so a crash leaves either all of a chunk or none of it.
 */
class MinuteBarWriter implements ItemWriter<LoadedUnit>, ItemStream {

	static final String DATASET = "minute_1m";

	/**
	 * A day without bars is a suspension, not a hole, when the daily bars' load recorded
	 * the source's suspension list for it.
	 */
	private static final UnitOutcomes.Rule SUSPENSIONS = new UnitOutcomes.Rule("""
			cross join lateral (select v.status = 'empty' and exists (select 1 from market.load_units d
				where d.dataset = 'daily' and d.symbol = v.symbol and d.trade_date = v.trade_date
					and d.status = 'suspended') as suspended) s""",
			"case when s.suspended then 'suspended' else v.status end",
			"case when s.suspended then 'suspended: on the source''s suspension list (daily bars)' else v.reason end");

	/**
	 * Where a partition keeps the nanoseconds this execution's writer spent on the
	 * aggregates: rolling up complete days, writing them, rebuilding the others.
	 */
	static final String ROLLUP_NANOS = "minute_1m.rollup_nanos";

	private static final String STAGING = "minute_bars_staging";

	/** A bar already stored: the chunk takes the upsert instead. */
	static final String UNIQUE_VIOLATION = "23505";

	/**
	 * How a bar already stored is replaced, by the COPY writer's staging upsert and the
	 * unnest writer alike: its values, source, load batch and load time become this
	 * load's.
	 */
	static final String REPLACE_STORED = "on conflict (symbol, ts) do update set open = excluded.open, "
			+ "high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume, "
			+ "amount = excluded.amount, source = excluded.source, load_batch_id = excluded.load_batch_id, "
			+ "loaded_at = now()";

	private static final int COPY_PIECE = 64 * 1024;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final LoadContext context;

	private final LoadProgress progress;

	private final UnitFailures failures;

	private final @Nullable BarAggregateRefresher rollups;

	private final @Nullable UnnestBars unnest;

	private long rollupNanos;

	/**
	 * A writer.
	 * @param dataSource the warehouse
	 * @param context the load's source and batch
	 * @param progress the progress count
	 * @param quarantineAfter failed attempts after which a unit is quarantined
	 * @param rollups where partial days are rebuilt, when this writer keeps the rollup
	 * tables current itself; {@code null} when they are refreshed after the load step
	 * @param unnest whether the bars go in by
	 * {@code INSERT ... SELECT FROM unnest(arrays)} instead of COPY (then without
	 * rollups: the aggregate step refreshes them)
	 */
	MinuteBarWriter(DataSource dataSource, LoadContext context, LoadProgress progress, int quarantineAfter,
			@Nullable BarAggregateRefresher rollups, boolean unnest) {
		this.dataSource = dataSource;
		this.rollups = rollups;
		if (unnest && rollups != null) {
			throw new IllegalArgumentException("The unnest writer keeps no rollups: they are refreshed after the load");
		}
		this.unnest = unnest ? new UnnestBars(context) : null;
		this.jdbc = new JdbcTemplate(dataSource);
		this.context = context;
		this.progress = progress;
		this.failures = new UnitFailures(dataSource, DATASET, quarantineAfter);
	}

	@Override
	public void open(ExecutionContext executionContext) {
		// Each execution reports its own time.
		this.rollupNanos = 0;
	}

	@Override
	public void update(ExecutionContext executionContext) {
		if (this.rollups != null) {
			executionContext.putLong(ROLLUP_NANOS, this.rollupNanos);
		}
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
		long stored = write(chunk, bars);
		recordRejects(rejected);
		recordDays(days);
		// Progress counts what is committed: a chunk rolled back was not done.
		Runnable count = () -> {
			this.progress.written(days.size(), stored, rejected.size());
			days.forEach((day) -> this.progress.counted(day.status().column()));
		};
		LoadProgress.afterCommit(count);
	}

	private long write(Chunk<? extends LoadedUnit> chunk, List<Bar> bars) throws SQLException {
		if (this.unnest != null) {
			return bars.isEmpty() ? 0 : this.unnest.write(DataSourceUtils.getConnection(this.dataSource), bars);
		}
		if (this.rollups == null) {
			return bars.isEmpty() ? 0 : upsert(bars, null);
		}
		// In the chunk's transaction, so the levels above never lag the bars they come
		// from, whatever happens to the rest of the load.
		long started = System.nanoTime();
		ChunkRollup rollup = ChunkRollup.of(chunk);
		this.rollupNanos += System.nanoTime() - started;
		long stored = bars.isEmpty() ? 0 : upsert(bars, rollup);
		if (!rollup.fromTable().isEmpty()) {
			started = System.nanoTime();
			this.rollups.refreshWithin(rollup.fromTable());
			this.rollupNanos += System.nanoTime() - started;
		}
		return stored;
	}

	private long upsert(List<Bar> bars, @Nullable ChunkRollup rollup) throws SQLException {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		byte[] stamp = BarCopyBinary.suffix(this.context.source().key(), this.context.loadBatchId());
		// New bars, the usual case, go straight in by COPY: the fastest way into the
		// table. Only when some of them are stored already (a correction, a forced
		// reload) does the chunk take the slower upsert.
		// One buffer for the chunk's COPYs. Binary: the server takes the timestamps and
		// prices as they are stored instead of parsing their text.
		BarCopyBinary binary = new BarCopyBinary(COPY_PIECE + 256);
		Savepoint beforeCopy = connection.setSavepoint();
		try {
			copy(connection, "copy market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
					+ "load_batch_id) from stdin (format binary)", bars, 2, stamp, binary);
			if (rollup != null) {
				long started = System.nanoTime();
				copyRollup(connection, rollup);
				this.rollupNanos += System.nanoTime() - started;
			}
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
			copy(connection, "copy " + STAGING + " from stdin (format binary)", bars, 0, new byte[0], binary);
			if (rollup != null) {
				long started = System.nanoTime();
				replaceRollup(connection, rollup);
				this.rollupNanos += System.nanoTime() - started;
			}
			return statement.executeUpdate(
					"""
							insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, load_batch_id)
							select symbol, ts, open, high, low, close, volume, amount, '%s', %d from %s
							"""
						.formatted(this.context.source().key(), this.context.loadBatchId(), STAGING) + REPLACE_STORED);
		}
	}

	private static void copyRollup(Connection connection, ChunkRollup rollup) throws SQLException {
		if (rollup.complete().isEmpty()) {
			return;
		}
		copyIn(connection, "copy " + BarAggregateRefresher.TABLE + " (" + BarAggregateRefresher.COLUMNS
				+ ") from stdin (format text)", (copy) -> {
					for (byte[] piece : rollup.rows()) {
						copy.writeToCopy(piece, 0, piece.length);
					}
				});
	}

	// Some of the chunk's buckets are stored already: the complete days' rows are
	// replaced whole, every level at once.
	private static void replaceRollup(Connection connection, ChunkRollup rollup) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"delete from " + BarAggregateRefresher.TABLE + " where symbol = any (?) and ts > ? and ts <= ?")) {
			for (Map.Entry<LocalDate, List<String>> day : rollup.complete().entrySet()) {
				AggregateWindow window = AggregateWindow.days(day.getKey(), day.getKey());
				statement.setArray(1, connection.createArrayOf("text", day.getValue().toArray()));
				statement.setTimestamp(2, Timestamp.from(window.from()));
				statement.setTimestamp(3, Timestamp.from(window.to()));
				statement.addBatch();
			}
			statement.executeBatch();
		}
		copyRollup(connection, rollup);
	}

	private static void copy(Connection connection, String sql, List<Bar> bars, int commonColumns, byte[] common,
			BarCopyBinary rows) throws SQLException {
		copyIn(connection, sql, (copy) -> {
			// Sent in pieces as they fill: the server parses one while the next is
			// written.
			rows.clear();
			rows.header();
			for (Bar bar : bars) {
				rows.add(bar, commonColumns, common);
				if (rows.length() >= COPY_PIECE) {
					copy.writeToCopy(rows.bytes(), 0, rows.length());
					rows.clear();
				}
			}
			rows.trailer();
			copy.writeToCopy(rows.bytes(), 0, rows.length());
		});
	}

	// One COPY: ended when the data is sent, cancelled when sending it failed.
	private static void copyIn(Connection connection, String sql, CopyData data) throws SQLException {
		CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
		try {
			data.send(copy);
			copy.endCopy();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
	}

	@FunctionalInterface
	private interface CopyData {

		void send(CopyIn copy) throws SQLException;

	}

	private void recordRejects(List<RejectedRow> rejected) {
		if (rejected.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("insert into market.rejected_rows (dataset, source, symbol, reason, payload, "
				+ "load_batch_id) values (?, ?, ?, ?, ?, ?)", rejected, rejected.size(), (ps, row) -> {
					ps.setString(1, DATASET);
					ps.setString(2, row.source());
					ps.setString(3, row.symbol());
					ps.setString(4, row.reason());
					ps.setString(5, row.payload());
					ps.setLong(6, this.context.loadBatchId());
				});
	}

	private void recordDays(List<DayOutcome> days) {
		UnitOutcomes outcomes = new UnitOutcomes();
		for (DayOutcome day : days) {
			outcomes.add(new SymbolDay(day.symbol(), day.day()), day.status().column(), day.bars(), day.expected(),
					day.reason());
		}
		outcomes.write(this.jdbc, new UnitOutcomes.Stamp(DATASET, this.context.source().key(),
				this.context.loadBatchId(), this.context.jobExecutionId()), SUSPENSIONS);
		this.failures.failed(days.stream()
			.filter((day) -> day.status() == DayStatus.FAILED)
			.map((day) -> new UnitFailures.Failure(new SymbolDay(day.symbol(), day.day()), this.context.source().key(),
					String.valueOf(day.reason()), true))
			.toList());
		this.failures.resolved(days.stream()
			.filter((day) -> day.status() != DayStatus.FAILED)
			.map((day) -> new SymbolDay(day.symbol(), day.day()))
			.toList());
	}

}
