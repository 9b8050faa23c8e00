package com.marketbase.batch.source.tdx;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One trade (tick) as the gateway reports it, normalized. Times have minute resolution.
 *
 * @param symbol the instrument in warehouse form
 * @param time the minute of the trade
 * @param price the price in CNY
 * @param volume shares traded
 * @param side 0 buyer-initiated, 1 seller-initiated, 2 neutral
 */
public record TdxTrade(String symbol, Instant time, BigDecimal price, long volume, int side) {
}
