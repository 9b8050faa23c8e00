/**
 * The job {@code index_minute}: indexes' 1-minute bars from Tushare's {@code idx_mins} or
 * the TDX gateway's {@code /api/index/all} into {@code market.bars_1m}, with their 5 to
 * 60-minute aggregates, on the dataset pipeline.
 */
package com.marketbase.batch.job.indexminute;
