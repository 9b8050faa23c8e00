package com.marketbase.batch.warehouse;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One instrument's latest quote from a realtime source (Tushare's {@code rt_k}, the TDX
 * gateway's {@code /api/quote}), normalized: prices in CNY, volume in shares, amount in
 * CNY (the realtime APIs send both in those units already).
 *
 * @param symbol the code, for example {@code 600000.SH}
 * @param preClose the previous close
 * @param open today's open
 * @param high today's high so far
 * @param low today's low so far
 * @param price the latest price
 * @param volume shares traded today so far
 * @param amount value traded today so far
 * @param trades trades today so far, or {@code null} when not sent
 */
public record RealtimeQuote(String symbol, BigDecimal preClose, BigDecimal open, BigDecimal high, BigDecimal low,
		BigDecimal price, long volume, BigDecimal amount, @Nullable Long trades) {
}
