package com.marketbase.console.system;

import java.util.List;
import java.util.Map;

/**
 * What the application knows about its warehouse and sources, offered to the console.
 * Implementations must leave credentials out: nothing returned here may be a secret.
 */
public interface SystemFacts {

	/**
	 * The warehouse mode.
	 * @return for example {@code TimescaleDB Apache}
	 */
	String warehouseMode();

	/**
	 * The warehouse in one line.
	 * @return for example
	 * {@code TimescaleDB Apache (TimescaleDB 2.19.3, license apache) on PostgreSQL 17.6}
	 */
	String warehouse();

	/**
	 * The source a launch reads when it names none, as every run's first line says it.
	 * @return for example {@code sandbox, synthetic data} or {@code tushare}
	 */
	String defaultSource();

	/**
	 * Whether the application runs in demo mode: the embedded warehouse and no source
	 * configured, so that launches read the sandbox's synthetic data.
	 * @return true in demo mode
	 */
	boolean demo();

	/**
	 * The source connectors.
	 * @return one entry per source
	 */
	List<Source> sources();

	/**
	 * A source connector as the console shows it.
	 *
	 * @param name its key, for example {@code tushare}
	 * @param displayName its name for people
	 * @param endpoint where it is reached, without credentials, or the embedded sandbox
	 * @param callsPerMinute its quota per endpoint ({@code default} for the rest)
	 * @param state {@code ok}, {@code waiting for quota} or {@code failing}
	 */
	record Source(String name, String displayName, String endpoint, Map<String, Integer> callsPerMinute, String state) {

		public Source {
			callsPerMinute = Map.copyOf(callsPerMinute);
		}

	}

}
