package com.marketbase.batch.job.dailybars;

import java.util.regex.Pattern;

/**
 * The daily-bar datasets, named as in {@code market.datasets} and
 * {@code market.load_units}. All three store into {@code market.bars_daily}; only stocks
 * carry adjustment factors and have a suspension list.
 */
enum DailyDataset {

	/** Raw daily bars and adjustment factors of A-shares. */
	DAILY("daily", "daily", "A-share codes in Tushare form (like 600000.SH, 000001.SZ, 920118.BJ)", Codes.A_SHARE),

	/** Daily bars of indexes, in points. */
	INDEX_DAILY("index_daily", "index-daily", "index codes in Tushare form (like 000300.SH, 399001.SZ, H11001.CSI)",
			Codes.INDEX),

	/** Daily bars of exchange-traded funds. */
	ETF_DAILY("etf_daily", "etf-daily", "ETF codes in Tushare form (like 510300.SH, 159915.SZ)", Codes.A_SHARE);

	private final String dataset;

	private final String propertyName;

	private final String codeExample;

	private final Pattern codes;

	DailyDataset(String dataset, String propertyName, String codeExample, Pattern codes) {
		this.dataset = dataset;
		this.propertyName = propertyName;
		this.codeExample = codeExample;
		this.codes = codes;
	}

	String dataset() {
		return this.dataset;
	}

	String propertyPrefix() {
		return "marketbase.jobs." + this.propertyName;
	}

	String codeExample() {
		return this.codeExample;
	}

	Pattern codes() {
		return this.codes;
	}

	/** Whether the dataset stores adjustment factors with its bars: A-shares. */
	boolean adjusted() {
		return this == DAILY;
	}

	/** Whether the source's suspension list tells a suspended day from a hole. */
	boolean suspends() {
		return this == DAILY;
	}

	private static final class Codes {

		static final Pattern A_SHARE = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

		static final Pattern INDEX = Pattern.compile("[0-9A-Z]{6}\\.(SH|SZ|BJ|CSI|SI)");

	}

}
