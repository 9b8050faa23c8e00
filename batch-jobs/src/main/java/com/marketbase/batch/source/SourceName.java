package com.marketbase.batch.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The market-data sources Marketbase reads from, and the sandbox that stands in for them.
 * The sandbox serves synthetic data over the real protocols; its rows are recorded as
 * {@code sandbox}, never as the source whose protocol it speaks.
 */
public enum SourceName {

	/** The embedded simulator: synthetic data over Tushare's protocol. */
	SANDBOX("the sandbox (synthetic data)"),

	TUSHARE("Tushare Pro"),

	TDX("TDX gateway"),

	EASTMONEY("Eastmoney");

	private final String displayName;

	SourceName(String displayName) {
		this.displayName = displayName;
	}

	/**
	 * The name used in messages for people.
	 * @return for example {@code Tushare Pro}
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * The name used in keys, logs, launch parameters and the {@code source} column of the
	 * warehouse.
	 * @return for example {@code tushare}
	 */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the source's data is made up.
	 * @return true for the sandbox
	 */
	public boolean synthetic() {
		return this == SANDBOX;
	}

	/**
	 * The protocol the jobs speak to this source: the sandbox answers a launch in
	 * Tushare's.
	 * @return the source whose connector reads it
	 */
	public SourceName protocol() {
		return (this == SANDBOX) ? TUSHARE : this;
	}

	/**
	 * The source a person named.
	 * @param typed the name as typed, any case
	 * @return the source
	 * @throws IllegalArgumentException naming the sources there are
	 */
	public static SourceName parse(String typed) {
		String key = typed.strip().toLowerCase(Locale.ROOT);
		for (SourceName source : values()) {
			if (source.key().equals(key)) {
				return source;
			}
		}
		throw new IllegalArgumentException("Unknown source '" + typed + "'; use "
				+ Arrays.stream(values()).map(SourceName::key).collect(Collectors.joining(", ")) + ".");
	}

}
