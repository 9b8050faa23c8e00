package com.marketbase.batch.warehouse.reference;

import java.time.LocalDate;

/**
 * A listed instrument as a source describes it.
 *
 * @param symbol the code in warehouse (Tushare) form, for example {@code 600000.SH}
 * @param name the short name
 * @param exchange the exchange: {@code SSE}, {@code SZSE}, {@code BSE}, ...
 * @param listDate the listing date, or {@code null} when the source does not say
 */
public record Instrument(String symbol, String name, String exchange, LocalDate listDate) {
}
