/**
 * The {@code index_daily} job: daily bars of the indexes in {@code market.instruments}
 * into {@code market.bars_daily}, fetched per index (Tushare's {@code index_daily} needs
 * a code). Incremental runs load what is missing and heal older holes; see
 * {@link com.marketbase.batch.job.dailybars}.
 */
package com.marketbase.batch.job.indexdaily;
