package com.marketbase.batch.job.dailybars;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * Tuning of one daily-bar job ({@code marketbase.jobs.daily.*},
 * {@code marketbase.jobs.index-daily.*}, {@code marketbase.jobs.etf-daily.*}).
 *
 * @param chunkUnits fetches per chunk (one transaction and checkpoint)
 * @param defaultSource the source when a launch names none
 * @param backfillCalls at most this many source calls per incremental run go to older
 * holes, after the requested days; keep it well under the quota so that other jobs keep
 * headroom
 * @param backfillDays how far back before the requested days an incremental run looks for
 * holes
 * @param quarantineAfter failed attempts after which a unit is quarantined
 * @param wholeMarketFrom a day with at least this many missing instruments is fetched
 * whole in one call (where the source can); fewer are fetched per instrument
 */
public record DailyLoadSettings(@DefaultValue("4") int chunkUnits, @DefaultValue("sandbox") String defaultSource,
		@DefaultValue("100") int backfillCalls, @DefaultValue("366") int backfillDays,
		@DefaultValue("3") int quarantineAfter, @DefaultValue("20") int wholeMarketFrom) {

	/**
	 * Reads a job's settings.
	 * @param environment the application's environment
	 * @param dataset the job's dataset
	 * @return the settings, defaults where none are given
	 */
	public static DailyLoadSettings of(Environment environment, DailyDataset dataset) {
		return Binder.get(environment).bindOrCreate(dataset.propertyPrefix(), DailyLoadSettings.class);
	}

}
