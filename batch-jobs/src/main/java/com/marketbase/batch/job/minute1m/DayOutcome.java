package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What was loaded for one symbol and trading day.
 *
 * @param symbol the instrument
 * @param day the trading day
 * @param status how complete it is
 * @param bars bars stored
 * @param expected bars the calendar expects
 * @param reason why it is not complete, or {@code null}
 */
record DayOutcome(String symbol, LocalDate day, DayStatus status, int bars, int expected, @Nullable String reason) {
}
