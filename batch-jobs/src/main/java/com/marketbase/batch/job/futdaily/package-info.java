/**
 * The job {@code fut_daily}: daily bars of every futures contract of the six Chinese
 * futures exchanges into {@code market.bars_futures_daily}, from Tushare Pro (or the
 * sandbox) on the dataset pipeline.
 */
package com.marketbase.batch.job.futdaily;
