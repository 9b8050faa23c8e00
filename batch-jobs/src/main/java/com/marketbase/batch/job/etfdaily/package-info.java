/**
 * The {@code etf_daily} job: daily bars of the ETFs in {@code market.instruments} into
 * {@code market.bars_daily}, whole days from Tushare's {@code fund_daily}. Incremental
 * runs load what is missing and heal older holes; see
 * {@link com.marketbase.batch.job.dailybars}.
 */
package com.marketbase.batch.job.etfdaily;
