/**
 * What the daily-bar jobs ({@code daily}, {@code index_daily}, {@code etf_daily}) share:
 * their parameters and settings, the feeds per source, the plan of what to fetch (the
 * requested days first, then older holes within a budget of source calls), a reader of
 * fetches as work units, and a writer that stores exactly the units that were missing.
 */
package com.marketbase.batch.job.dailybars;
