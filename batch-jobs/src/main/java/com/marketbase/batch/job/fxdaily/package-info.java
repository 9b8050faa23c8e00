/**
 * The job {@code fx_daily}: daily bid and ask bars of the FX pairs the warehouse follows
 * into {@code market.bars_fx_daily}, by GMT date, from Tushare Pro (or the sandbox) on
 * the dataset pipeline.
 */
package com.marketbase.batch.job.fxdaily;
