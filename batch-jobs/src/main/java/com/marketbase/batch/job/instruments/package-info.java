/**
 * The {@code instruments} job: A-shares listed, delisted and paused from a source into
 * {@code market.instruments}.
 */
package com.marketbase.batch.job.instruments;
