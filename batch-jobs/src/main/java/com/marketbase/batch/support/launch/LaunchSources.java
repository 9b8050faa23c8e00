package com.marketbase.batch.support.launch;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Where a launch reads from, as the application's source settings decide it. The source
 * connectors implement it; the launch code of the jobs asks it, so that every launch
 * settles its source the same way.
 */
public interface LaunchSources {

	/**
	 * The source a launch names, or the default one, checked before anything runs: known,
	 * read by the job, configured, and answering.
	 * @param typed the value of {@code source=}, or {@code null}
	 * @param jobDefault the job's own default source, or {@code null}
	 * @param accepted the keys of the sources the job reads
	 * @return the source's key, for example {@code tushare}
	 * @throws IllegalArgumentException in one sentence when the source is unknown, not
	 * one the job reads, or not configured (naming the property to set)
	 * @throws RuntimeException a source failure naming the address when the source cannot
	 * be reached
	 */
	String resolve(@Nullable String typed, @Nullable String jobDefault, Set<String> accepted);

	/**
	 * Whether a source's rows are made up.
	 * @param source the source's key
	 * @return true for the sandbox
	 */
	boolean synthetic(String source);

	/**
	 * Whether a source holds calls back for its quota right now.
	 * @param source the source's key
	 * @return true while a call waits for quota
	 */
	boolean waitingForQuota(String source);

	/**
	 * A source as every run's first line and summary name it.
	 * @param source the source's key
	 * @return for example {@code sandbox, synthetic data} or {@code tushare}
	 */
	default String describe(String source) {
		return synthetic(source) ? source + ", synthetic data" : source;
	}

}
