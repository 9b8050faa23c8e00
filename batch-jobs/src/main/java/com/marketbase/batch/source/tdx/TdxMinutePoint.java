package com.marketbase.batch.source.tdx;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One point of a day's minute line (分时), normalized.
 *
 * @param symbol the instrument in warehouse form
 * @param end the end of the minute
 * @param price the last price in the minute, in CNY
 * @param volume shares traded in the minute
 */
public record TdxMinutePoint(String symbol, Instant end, BigDecimal price, long volume) {
}
