/**
 * The {@code calendar} job: exchange trading calendars from a source into
 * {@code market.trading_calendar}, one work unit per exchange.
 */
package com.marketbase.batch.job.calendar;
