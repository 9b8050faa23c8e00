/**
 * The {@code calendar} job: exchange trading calendars from a source into
 * {@code market.trading_calendar}, plus the source access and unit reader the reference
 * jobs share.
 */
package com.marketbase.batch.job.calendar;
