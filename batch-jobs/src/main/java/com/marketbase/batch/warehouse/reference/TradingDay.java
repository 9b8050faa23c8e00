package com.marketbase.batch.warehouse.reference;

import java.time.LocalDate;

/**
 * One calendar day of an exchange's trading calendar.
 *
 * @param exchange the exchange, for example {@code SSE}
 * @param date the day
 * @param open whether the exchange trades that day
 * @param previousOpen the last trading day before it, or {@code null} when unknown
 */
public record TradingDay(String exchange, LocalDate date, boolean open, LocalDate previousOpen) {
}
