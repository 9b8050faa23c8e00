package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One bar as the tests compare it: numbers without trailing zeros, so that equal values
 * are equal records whatever scale the database returned.
 */
public record StoredBar(String symbol, Instant end, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
		long volume, BigDecimal amount) {

	public StoredBar {
		open = open.stripTrailingZeros();
		high = high.stripTrailingZeros();
		low = low.stripTrailingZeros();
		close = close.stripTrailingZeros();
		amount = amount.stripTrailingZeros();
	}

}
