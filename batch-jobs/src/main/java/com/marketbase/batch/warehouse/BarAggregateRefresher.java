package com.marketbase.batch.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the 5, 15, 30 and 60-minute bars of a window from the 1-minute bars,
 * bottom-up, so that each level reads a level below that is already up to date. Only
 * buckets inside the window are touched.
 * <p>
 * With continuous aggregates the 5/15/30-minute levels are refreshed by TimescaleDB, one
 * call per level on an auto-commit connection (a refresh cannot run inside a transaction
 * block). Without them the levels kept in {@value #TABLE} (one row per symbol and
 * 5-minute end, a column group per level) are rebuilt in one transaction: the window's
 * rows are deleted and recomputed in one statement, each level from the one below, so a
 * bar that disappeared from the level below disappears above it as well. The 60-minute
 * level always is a rollup of the 30-minute bars that follows the lunch break.
 */
public final class BarAggregateRefresher {

	/** Where the levels that are not continuous aggregates are kept. */
	public static final String TABLE = "market.bar_levels";

	private static final String VALUES = "open, high, low, close, volume, amount";

	// The column groups of TABLE, lowest level first.
	private static final List<String> GROUPS = List.of("5m", "15m", "30m", "60m");

	/**
	 * The columns of {@link #TABLE}: symbol, ts, then the six values of each level, 5 to
	 * 60 minutes.
	 */
	public static final String COLUMNS = "symbol, ts, " + GROUPS.stream()
		.flatMap((level) -> java.util.stream.Stream.of(VALUES.split(", ")).map((value) -> value + "_" + level))
		.collect(Collectors.joining(", "));

	private static final Logger logger = LoggerFactory.getLogger(BarAggregateRefresher.class);

	private static final List<Level> LEVELS = List.of(new Level("5m", "5 minutes"), new Level("15m", "15 minutes"),
			new Level("30m", "30 minutes"));

	// Continuous-aggregate buckets start one minute past the grid; see the aggregates
	// migration.
	private static final Duration BUCKET_START_OFFSET = Duration.ofMinutes(1);

	private final DataSource dataSource;

	private final WarehouseMode mode;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final int lanes;

	private final String openClose;

	public BarAggregateRefresher(DataSource dataSource, WarehouseMode mode) {
		this(dataSource, mode, 1);
	}

	/**
	 * A refresher that rebuilds rollups in parallel slices of the symbols.
	 * @param dataSource the warehouse; it must hand out a connection per slice
	 * @param mode the warehouse mode
	 * @param lanes 1 for one transaction, 2 to split the symbols at the median A-share or
	 * ETF code, so that each slice holds about half the market
	 */
	public BarAggregateRefresher(DataSource dataSource, WarehouseMode mode, int lanes) {
		this.dataSource = dataSource;
		this.mode = mode;
		this.lanes = lanes;
		// TimescaleDB's first/last pick the open and close without building an array per
		// bucket (about a third less time for the 5-minute level); plain PostgreSQL has
		// no such aggregate, and both give the same bars.
		this.openClose = mode.hasHypertables() ? "first(open, ts), max(high), min(low), last(close, ts)"
				: "(array_agg(open order by ts))[1], max(high), min(low), (array_agg(close order by ts desc))[1]";
		this.jdbc = new JdbcTemplate(dataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	/**
	 * Rebuilds every aggregate level inside the window.
	 * @param window the window of whole buckets to rebuild
	 * @return the window that was refreshed
	 */
	public AggregateWindow refresh(AggregateWindow window) {
		long started = System.nanoTime();
		if (this.mode.hasContinuousAggregates()) {
			refreshContinuousAggregates(window);
			inSlices((slice) -> {
				clear(window, slice);
				rollUp60m(window, slice);
			});
		}
		else {
			// A slice's levels read only that slice's symbols, so each slice goes up
			// all levels on its own, without waiting for the other at every level.
			inSlices((slice) -> {
				clear(window, slice);
				rollUpAll(window, slice);
			});
		}
		logger.debug("Refreshed bar aggregates for ({}, {}] in {} ms", window.from(), window.to(),
				Duration.ofNanos(System.nanoTime() - started).toMillis());
		return window;
	}

	/**
	 * Rebuilds every aggregate level of some symbols' days in the caller's transaction,
	 * for a writer that keeps the rollup tables current with each chunk it writes.
	 * @param days the symbols to rebuild, by trading day
	 * @throws IllegalStateException with continuous aggregates, which TimescaleDB
	 * refreshes only outside a transaction
	 */
	public void refreshWithin(Map<LocalDate, ? extends Collection<String>> days) {
		if (this.mode.hasContinuousAggregates()) {
			throw new IllegalStateException("Continuous aggregates cannot be refreshed inside a transaction");
		}
		days.forEach((day, symbols) -> {
			AggregateWindow window = AggregateWindow.days(day, day);
			String slice = symbols.stream()
				.map((symbol) -> "'" + symbol.replace("'", "''") + "'")
				.collect(Collectors.joining(", ", " and symbol in (", ")"));
			clear(window, slice);
			rollUpAll(window, slice);
		});
	}

	private void refreshContinuousAggregates(AggregateWindow window) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				for (Level level : LEVELS) {
					// Bucket starts of the window's buckets run from from+1min
					// (inclusive) to
					// to+1min (exclusive).
					statement.execute("call refresh_continuous_aggregate('market.bars_" + level.name() + "_cagg', "
							+ literal(window.from().plus(BUCKET_START_OFFSET)) + ", "
							+ literal(window.to().plus(BUCKET_START_OFFSET)) + ")");
				}
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new AggregateRefreshException(window, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	// Each slice in its own transaction and thread; the work is done when all are.
	private void inSlices(java.util.function.Consumer<String> work) {
		List<String> slices = slices();
		if (slices.size() == 1) {
			this.transaction.executeWithoutResult((status) -> work.accept(slices.get(0)));
			return;
		}
		List<java.util.concurrent.CompletableFuture<Void>> running = slices.stream()
			.map((slice) -> java.util.concurrent.CompletableFuture
				.runAsync(() -> this.transaction.executeWithoutResult((status) -> {
					// The lanes already keep the cores busy; parallel workers inside
					// each lane only add a gather and a second sort.
					this.jdbc.execute("set local max_parallel_workers_per_gather = 0");
					work.accept(slice);
				})))
			.toList();
		try {
			java.util.concurrent.CompletableFuture.allOf(running.toArray(new java.util.concurrent.CompletableFuture[0]))
				.join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * The symbol conditions of the slices: halves of the A-share and ETF codes, split at
	 * their median, so the slices carry about the same number of bars whatever the
	 * exchanges' shares of the market.
	 */
	private List<String> slices() {
		if (this.lanes < 2) {
			return List.of("");
		}
		String median = this.jdbc.queryForObject("select percentile_disc(0.5) within group (order by symbol) "
				+ "from market.instruments where asset_class in ('stock', 'etf')", String.class);
		if (median == null) {
			// No listings yet: Shenzhen and funds below 6, Shanghai and Beijing above.
			median = "6";
		}
		String literal = "'" + median.replace("'", "''") + "'";
		return List.of(" and symbol < " + literal, " and symbol >= " + literal);
	}

	// Every level of the window's rows at once: they are rebuilt bottom-up after it.
	private void clear(AggregateWindow window, String slice) {
		this.jdbc.update("delete from " + TABLE + " where ts > ? and ts <= ?" + slice, Timestamp.from(window.from()),
				Timestamp.from(window.to()));
	}

	// Every level of the window at once, each from the one below, into one row per
	// symbol and bucket end: no row is written twice.
	private void rollUpAll(AggregateWindow window, String slice) {
		Timestamp from = Timestamp.from(window.from());
		Timestamp to = Timestamp.from(window.to());
		StringBuilder sql = new StringBuilder("insert into " + TABLE + " (" + COLUMNS + ")\nwith ");
		String below = "market.bars_1m where ts > ? and ts <= ?" + slice;
		StringBuilder columns = new StringBuilder();
		StringBuilder joins = new StringBuilder();
		for (Level level : LEVELS) {
			sql.append("b")
				.append(level.name())
				.append(" (symbol, ts, ")
				.append(VALUES)
				.append(") as (")
				.append(level(level, below))
				.append("),\n");
			below = "b" + level.name();
		}
		sql.append("b60m (symbol, ts, ")
			.append(VALUES)
			.append(") as (")
			.append(hours("b30m b30 where true", ""))
			.append(")\nselect symbol, ts");
		for (String level : GROUPS) {
			for (String column : VALUES.split(", ")) {
				columns.append(", b").append(level).append('.').append(column);
			}
			joins.append(level.equals("5m") ? " from b5m" : " full join b" + level + " using (symbol, ts)");
		}
		this.jdbc.update(sql.toString() + columns + joins, from, to, from, to);
	}

	// A source bar ending at t belongs to the bucket ending at the next grid line at or
	// after t; one minute back puts every source label strictly inside its bucket.
	private String level(Level level, String from) {
		return """
				select symbol,
					date_bin(interval '%1$s', ts - interval '1 minute', timestamptz '2000-01-03 00:00+08')
						+ interval '%1$s' as bucket_end,
					%3$s, sum(volume), sum(amount)
				from %2$s
				group by symbol, bucket_end
				""".formatted(level.width(), from, this.openClose);
	}

	// The 60-minute bars in the window's rows, where the other levels are continuous
	// aggregates.
	private void rollUp60m(AggregateWindow window, String slice) {
		Timestamp from = Timestamp.from(window.from());
		Timestamp to = Timestamp.from(window.to());
		this.jdbc.update("insert into " + TABLE + " (symbol, ts, open_60m, high_60m, low_60m, close_60m, volume_60m, "
				+ "amount_60m) "
				+ hours("market.bars_30m b30 where b30.ts > ? and b30.ts <= ?", slice.replace("symbol", "b30.symbol")),
				from, to, from, to);
	}

	// The 90-minute lunch break is cut out of the afternoon, so 13:00-15:00 continues
	// 11:30 on one trading clock; 60-minute buckets on that clock start at 09:30 and
	// their
	// end labels are mapped back to wall time (12:30 -> 14:00, 13:30 -> 15:00).
	private String hours(String from30m, String slice) {
		return """
				select symbol, bucket_end, %s, sum(volume), sum(amount)
				from (
					select b.*,
						date_bin(interval '60 minutes', clock_end - interval '1 minute', timestamptz '2000-01-03 09:30+08')
							+ interval '60 minutes' + lunch as bucket_end
					from (
						select s.*, s.ts - lunch as clock_end
						from (
							select b30.*, case when (b30.ts at time zone 'Asia/Shanghai')::time > time '11:30'
								then interval '90 minutes' else interval '0' end as lunch
							from %s%s
						) s
					) b
				) labelled
				where bucket_end > ? and bucket_end <= ?
				group by symbol, bucket_end
				"""
			.formatted(this.openClose, from30m, slice);
	}

	private static String literal(java.time.Instant instant) {
		return "timestamptz '" + instant + "'";
	}

	private record Level(String name, String width) {
	}

	/**
	 * A refresh of the bar aggregates failed; the window names what was being rebuilt.
	 */
	public static final class AggregateRefreshException extends DataAccessException {

		AggregateRefreshException(AggregateWindow window, SQLException cause) {
			super("Refreshing bar aggregates for (" + window.from() + ", " + window.to() + "] failed: "
					+ cause.getMessage(), cause);
		}

	}

}
