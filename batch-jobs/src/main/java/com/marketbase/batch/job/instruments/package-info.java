/**
 * The {@code instruments} job: A-shares listed, delisted and paused with their listing
 * windows, ETFs, indexes, futures, SGE spot and FX pairs from a source into
 * {@code market.instruments}, re-coded stocks linked to their old codes.
 */
package com.marketbase.batch.job.instruments;
