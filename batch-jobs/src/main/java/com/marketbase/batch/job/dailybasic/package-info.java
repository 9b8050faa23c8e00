/**
 * The job {@code daily_basic}: each listed stock's daily valuation and trading indicators
 * (turnover, volume ratio, P/E, P/B, P/S, dividend yield, share counts, market values)
 * into {@code market.stock_daily_basic}, from Tushare Pro (or the sandbox) on the dataset
 * pipeline, behind the module switch {@code universeDailyBasicEnabled}.
 */
package com.marketbase.batch.job.dailybasic;
