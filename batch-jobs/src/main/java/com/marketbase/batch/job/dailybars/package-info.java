/**
 * The daily-bar jobs {@code daily} (A-shares with adjustment factors),
 * {@code index_daily} and {@code etf_daily}: raw daily bars into
 * {@code market.bars_daily} on the dataset pipeline, read from Tushare Pro (or the
 * sandbox) or the TDX gateway.
 */
package com.marketbase.batch.job.dailybars;
