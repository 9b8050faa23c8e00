/**
 * The job {@code sge_daily}: daily bars of the Shanghai Gold Exchange's spot contracts
 * into {@code market.bars_spot_daily}, from Tushare Pro (or the sandbox) on the dataset
 * pipeline.
 */
package com.marketbase.batch.job.sgedaily;
