package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The cumulative adjustment factor of a stock on a day; adjusted price = raw price times
 * factor (divided by the latest factor for forward adjustment).
 *
 * @param symbol the instrument in warehouse form
 * @param tradeDate the day
 * @param factor the cumulative factor
 */
public record AdjustmentFactor(String symbol, LocalDate tradeDate, BigDecimal factor) {
}
