/**
 * The {@code daily} job: raw daily bars and adjustment factors of every A-share into
 * {@code market.bars_daily}, suspended days told from holes by the source's suspension
 * list. Incremental runs load what is missing and heal older holes; see
 * {@link com.marketbase.batch.job.dailybars}.
 */
package com.marketbase.batch.job.daily;
