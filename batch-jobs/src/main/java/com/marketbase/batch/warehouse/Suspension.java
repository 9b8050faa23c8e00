package com.marketbase.batch.warehouse;

import java.time.LocalDate;

/**
 * A day on which an instrument did not trade because it was suspended, as the source's
 * suspension list gives it: the day has no bar by design, not by a hole in the data.
 *
 * @param symbol the instrument in warehouse form
 * @param tradeDate the suspended day
 */
public record Suspension(String symbol, LocalDate tradeDate) {
}
