/**
 * The job {@code tick_trade}: every trade of a symbol's day from the TDX gateway's
 * {@code /api/trade} into {@code market.tick_trades}, in order of arrival, on the dataset
 * pipeline, by default over the most recent 60 open days.
 */
package com.marketbase.batch.job.ticktrade;
