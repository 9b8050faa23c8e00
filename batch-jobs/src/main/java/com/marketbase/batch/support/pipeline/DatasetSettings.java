package com.marketbase.batch.support.pipeline;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * Tuning of one dataset's job, under its property prefix (for example
 * {@code marketbase.jobs.daily.*}).
 *
 * @param chunkUnits fetches per chunk (one transaction and checkpoint)
 * @param defaultSource the source when a launch names none; empty means
 * {@code marketbase.sources.default-source}
 * @param backfillCalls at most this many source calls per incremental run go to older
 * holes, after the requested days; keep it well under the quota so that other jobs keep
 * headroom
 * @param backfillDays how far back before the requested days an incremental run looks for
 * holes
 * @param quarantineAfter failed attempts after which a unit is quarantined
 * @param wholeMarketFrom a day with at least this many missing instruments is fetched
 * whole in one call (where the source can); fewer are fetched per instrument
 * @param maxSourceCalls the most source calls a launch plans without {@code force=true}
 * (0: no ceiling)
 */
public record DatasetSettings(@DefaultValue("4") int chunkUnits, @Nullable String defaultSource,
		@DefaultValue("100") int backfillCalls, @DefaultValue("366") int backfillDays,
		@DefaultValue("3") int quarantineAfter, @DefaultValue("20") int wholeMarketFrom,
		@DefaultValue("30000") int maxSourceCalls) {

	/**
	 * Reads a dataset's settings.
	 * @param environment the application's environment
	 * @param dataset the dataset
	 * @return the settings, defaults where none are given
	 */
	public static DatasetSettings of(Environment environment, Dataset<?> dataset) {
		return Binder.get(environment).bindOrCreate(dataset.propertyPrefix(), DatasetSettings.class);
	}

}
