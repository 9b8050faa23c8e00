/**
 * The units a dataset owes and does not hold, read from {@code market.datasets}, the
 * calendar, the instruments' listing windows and {@code market.load_units}; and the
 * bookkeeping of units that keep failing, retried by later runs, quarantined after a set
 * number of attempts and released by a person.
 */
package com.marketbase.batch.support.units;
