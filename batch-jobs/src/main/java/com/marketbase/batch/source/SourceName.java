package com.marketbase.batch.source;

/**
 * The market-data sources Marketbase reads from.
 */
public enum SourceName {

	TUSHARE("Tushare Pro"), TDX("TDX gateway"), EASTMONEY("Eastmoney");

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
	 * The name used in keys, logs and the {@code source} column of the warehouse.
	 * @return for example {@code tushare}
	 */
	public String key() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
