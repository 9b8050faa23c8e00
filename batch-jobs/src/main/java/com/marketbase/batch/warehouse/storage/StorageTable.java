package com.marketbase.batch.warehouse.storage;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import com.marketbase.batch.warehouse.WarehouseMode;
import org.jspecify.annotations.Nullable;

/**
 * The tables that take storage policies, with the runbook's compression defaults: minute
 * data after 7 days, the 5 to 60-minute aggregates after 14, daily, weekly and monthly
 * bars after 30. Tick trades count as minute data: they are the same day's raw intraday
 * rows, in one-day chunks, read back for a recent day and rarely after.
 * <p>
 * Where a table lives depends on the mode: the 5, 15 and 30-minute bars are continuous
 * aggregates in full mode and columns of {@code market.bar_levels} elsewhere; the
 * 60-minute bars are always in {@code bar_levels}; weekly and monthly bars are rows of
 * the plain table {@code market.bars_period} in every mode.
 */
public enum StorageTable {

	BARS_1M("bars_1m", Duration.ofDays(7), "bars_1m", null, "ts", null),

	TICK_TRADES("tick_trades", Duration.ofDays(7), "tick_trades", null, "ts", null),

	BARS_5M("bars_5m", Duration.ofDays(14), null, "bars_5m_cagg", "ts", null),

	BARS_15M("bars_15m", Duration.ofDays(14), null, "bars_15m_cagg", "ts", null),

	BARS_30M("bars_30m", Duration.ofDays(14), null, "bars_30m_cagg", "ts", null),

	BARS_60M("bars_60m", Duration.ofDays(14), null, null, "ts", null),

	BARS_DAILY("bars_daily", Duration.ofDays(30), "bars_daily", null, "trade_date", null),

	BARS_WEEKLY("bars_weekly", Duration.ofDays(30), null, null, "trade_date", "period = 'week'"),

	BARS_MONTHLY("bars_monthly", Duration.ofDays(30), null, null, "trade_date", "period = 'month'");

	private final String key;

	private final Duration defaultCompressAfter;

	private final @Nullable String hypertable;

	private final @Nullable String continuousAggregate;

	private final String timeColumn;

	private final @Nullable String rowFilter;

	StorageTable(String key, Duration defaultCompressAfter, @Nullable String hypertable,
			@Nullable String continuousAggregate, String timeColumn, @Nullable String rowFilter) {
		this.key = key;
		this.defaultCompressAfter = defaultCompressAfter;
		this.hypertable = hypertable;
		this.continuousAggregate = continuousAggregate;
		this.timeColumn = timeColumn;
		this.rowFilter = rowFilter;
	}

	/**
	 * The name in {@code marketbase.storage.policies.<name>}.
	 * @return for example {@code bars_1m}
	 */
	public String key() {
		return this.key;
	}

	public Duration defaultCompressAfter() {
		return this.defaultCompressAfter;
	}

	/**
	 * Where the table's rows are in a mode.
	 * @param mode the warehouse mode
	 * @return the storage
	 */
	public Storage storage(WarehouseMode mode) {
		if (this.continuousAggregate != null && mode.hasContinuousAggregates()) {
			return new Storage(Kind.CONTINUOUS_AGGREGATE, "market." + this.continuousAggregate, "bucket", null);
		}
		if (this.hypertable != null) {
			return new Storage(mode.hasHypertables() ? Kind.HYPERTABLE : Kind.TABLE, "market." + this.hypertable,
					this.timeColumn, null);
		}
		String table = (this.rowFilter != null) ? "market.bars_period" : "market.bar_levels";
		return new Storage(Kind.TABLE, table, this.timeColumn, this.rowFilter);
	}

	/**
	 * The table of a name.
	 * @param key the name, for example {@code bars_1m}
	 * @return the table, or empty for a name that takes no policies
	 */
	public static Optional<StorageTable> of(String key) {
		return Arrays.stream(values()).filter((table) -> table.key.equals(key)).findFirst();
	}

	/** How the rows of a table are kept. */
	public enum Kind {

		/** A hypertable: TimescaleDB's chunks, compression and retention. */
		HYPERTABLE,

		/** A continuous aggregate's materialized hypertable. */
		CONTINUOUS_AGGREGATE,

		/** A plain table: no compression, retention by deleting rows. */
		TABLE

	}

	/**
	 * Where a table's rows are.
	 *
	 * @param kind how they are kept
	 * @param relation the table, hypertable or continuous aggregate, schema-qualified
	 * @param timeColumn the column retention compares
	 * @param rowFilter the condition that picks the table's rows where it shares its
	 * relation with another, or {@code null}
	 */
	public record Storage(Kind kind, String relation, String timeColumn, @Nullable String rowFilter) {

		/**
		 * Whether another table's rows live in the same rows of the same relation, so
		 * that removing a row removes theirs too.
		 * @param other the other storage
		 * @return true for the aggregate levels sharing {@code market.bar_levels}
		 */
		boolean sharesRowsWith(Storage other) {
			return this.kind == Kind.TABLE && this.relation.equals(other.relation)
					&& Objects.equals(this.rowFilter, other.rowFilter);
		}

	}

}
