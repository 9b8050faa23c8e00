/**
 * Gap healing: which (symbol, trading day) units a dataset owes and does not hold, read
 * from {@code market.datasets}, the calendar, the instruments' listing windows and
 * {@code market.load_units}; and the bookkeeping of units that keep failing, retried by
 * later runs and quarantined after a set number of attempts.
 */
package com.marketbase.batch.job.gaps;
