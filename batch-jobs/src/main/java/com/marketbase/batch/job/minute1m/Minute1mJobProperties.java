package com.marketbase.batch.job.minute1m;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the {@code minute_1m} job ({@code marketbase.jobs.minute-1m.*}).
 *
 * @param partitions how many partitions load in parallel (0: twice the cores of this
 * machine, at least 2); the source's shared quota bounds their calls. More partitions
 * than that only contend for the database when the source is fast, and a quota of 500
 * calls a minute needs about 4 at half a second a call
 * @param chunkUnits work units per chunk (one transaction and checkpoint); 0: at least
 * 10, and at least 50 symbol-days, so that a load of single days (the nightly run) writes
 * 50 units a chunk: a COPY of a few hundred rows costs the database more a row than a
 * longer one, and with 10 units a chunk the writers spent 0.65 s a partition on a
 * full-market day's aggregates against 0.5 s with 50
 * @param defaultSource the source when a launch names none; empty means
 * {@code marketbase.sources.default-source}
 * @param backfillCalls at most this many source calls (one per symbol and day) per
 * incremental run go to older holes, after the requested days
 * @param backfillDays how far back before the requested days an incremental run looks for
 * holes; the window bounds the cost of looking
 * @param quarantineAfter failed attempts after which a unit is quarantined and left out
 * of incremental runs
 * @param rollUpWhileLoading whether the writer keeps the 5/15/30/60-minute rollup tables
 * current with each chunk (complete days rolled up in memory) instead of a refresh of the
 * touched window after the load step; continuous aggregates are always refreshed after it
 * @param maxSourceCalls the most source calls a launch plans without {@code force=true}
 * (0: no ceiling)
 * @param barWriter how the bars go into {@code market.bars_1m}: {@code copy} (COPY, the
 * default) or {@code unnest} (one prepared {@code INSERT ... SELECT FROM unnest(arrays)}
 * a chunk, without rollups in the writer's transaction: the aggregate step refreshes the
 * rollup tables); a server without COPY FROM STDIN (the TSL target, PGlite) always takes
 * {@code unnest}
 */
@ConfigurationProperties("marketbase.jobs.minute-1m")
public record Minute1mJobProperties(@DefaultValue("0") int partitions, @DefaultValue("0") int chunkUnits,
		@Nullable String defaultSource, @DefaultValue("100") int backfillCalls, @DefaultValue("30") int backfillDays,
		@DefaultValue("3") int quarantineAfter, @DefaultValue("true") boolean rollUpWhileLoading,
		@DefaultValue("30000") int maxSourceCalls, @DefaultValue("copy") BarWriter barWriter) {

	private static final int CHUNK_SYMBOL_DAYS = 50;

	/**
	 * How the writer sends the bars.
	 */
	public enum BarWriter {

		/** COPY FROM STDIN, through a staging table when some bars are stored already. */
		COPY,

		/**
		 * {@code INSERT ... SELECT FROM unnest(arrays)}, upserting when some are stored.
		 */
		UNNEST

	}

	public Minute1mJobProperties {
		if (partitions <= 0) {
			partitions = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
		}
	}

	/**
	 * Work units per chunk for a load of single days, such as the nightly run.
	 * @return the configured number, or without one 50
	 */
	@Override
	public int chunkUnits() {
		return chunkUnits(1);
	}

	/**
	 * Work units per chunk for a load whose units hold some days each.
	 * @param daysPerUnit trading days a unit of the load holds (at least 1)
	 * @return the configured number, or without one at least 10 units and 50 symbol-days
	 */
	public int chunkUnits(int daysPerUnit) {
		int days = Math.max(1, daysPerUnit);
		return (this.chunkUnits > 0) ? this.chunkUnits : Math.max(10, (CHUNK_SYMBOL_DAYS + days - 1) / days);
	}

}
