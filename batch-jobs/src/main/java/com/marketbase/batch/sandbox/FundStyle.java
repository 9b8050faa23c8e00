package com.marketbase.batch.sandbox;

/**
 * What kind of OTC fund a sandbox fund is, which decides what Eastmoney's
 * {@code FundValuationLast} says of it and what {@code fund_basic} lists it as.
 *
 * @see Sandbox#funds()
 */
public enum FundStyle {

	/**
	 * Tracks an index: {@code FundValuationLast} gives its intraday estimate;
	 * {@code fund_basic} lists it as 股票型, invest type 被动指数型.
	 */
	INDEX_LIKE,

	/**
	 * Actively managed: {@code FundValuationLast} sends null estimate fields, as the real
	 * one does for most active funds; {@code fund_basic} lists it as 混合型.
	 */
	ACTIVE,

	/**
	 * A money-market fund: no estimate, no holdings, and Eastmoney's NAV figures are its
	 * income per 10,000 units; {@code fund_basic} lists it as 货币市场型.
	 */
	MONEY_MARKET

}
