package com.marketbase.batch.job.dailybars;

/**
 * The daily-bar datasets, named as in {@code market.datasets} and
 * {@code market.load_units}. All three store into {@code market.bars_daily}; only stocks
 * carry adjustment factors and have a suspension list.
 */
public enum DailyDataset {

	/** Raw daily bars and adjustment factors of A-shares. */
	DAILY("daily", "daily"),

	/** Daily bars of indexes, in points. */
	INDEX_DAILY("index_daily", "index-daily"),

	/** Daily bars of exchange-traded funds. */
	ETF_DAILY("etf_daily", "etf-daily");

	private final String dataset;

	private final String propertyName;

	DailyDataset(String dataset, String propertyName) {
		this.dataset = dataset;
		this.propertyName = propertyName;
	}

	/**
	 * The dataset's name, which is also its job's name.
	 * @return for example {@code index_daily}
	 */
	public String dataset() {
		return this.dataset;
	}

	/**
	 * Where the job's settings live.
	 * @return for example {@code marketbase.jobs.index-daily}
	 */
	public String propertyPrefix() {
		return "marketbase.jobs." + this.propertyName;
	}

	/**
	 * Whether the dataset stores adjustment factors with its bars.
	 * @return true for A-shares
	 */
	public boolean adjusted() {
		return this == DAILY;
	}

	/**
	 * Whether the source's suspension list tells a suspended day from a hole.
	 * @return true for A-shares
	 */
	public boolean suspends() {
		return this == DAILY;
	}

	/**
	 * How the dataset's instruments are written, for messages.
	 * @return for example {@code A-share or ETF codes in Tushare form (like 600000.SH)}
	 */
	String codeExample() {
		return switch (this) {
			case DAILY -> "A-share codes in Tushare form (like 600000.SH, 000001.SZ, 920118.BJ)";
			case INDEX_DAILY -> "index codes in Tushare form (like 000300.SH, 399001.SZ, H11001.CSI)";
			case ETF_DAILY -> "ETF codes in Tushare form (like 510300.SH, 159915.SZ)";
		};
	}

}
