package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An intraday bar, normalized: labelled by the instant its period ends, prices in CNY (or
 * index points), volume in shares, amount in CNY.
 *
 * @param symbol the instrument in warehouse (Tushare) form, for example {@code 600000.SH}
 * @param end the end of the bar's period
 * @param open the first price
 * @param high the highest price
 * @param low the lowest price
 * @param close the last price
 * @param volume shares traded
 * @param amount value traded in CNY
 */
public record Bar(String symbol, Instant end, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
		long volume, BigDecimal amount) {

	/**
	 * Why this bar cannot be true, if it cannot.
	 * @return the reason, or {@code null} when the bar is plausible
	 */
	public String implausibility() {
		return Prices.implausibility(this.open, this.high, this.low, this.close, this.volume, this.amount);
	}

}
