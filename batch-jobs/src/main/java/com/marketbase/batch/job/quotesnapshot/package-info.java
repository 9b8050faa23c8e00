/**
 * The job {@code quote_snapshot}: the market's realtime quotes from Tushare's
 * {@code rt_k} into {@code market.quote_snapshots}, with the market-wide counts of each
 * capture in {@code market.market_stats}; a quota refusal leaves the last snapshot marked
 * stale until its retry time, without spending calls.
 */
package com.marketbase.batch.job.quotesnapshot;
