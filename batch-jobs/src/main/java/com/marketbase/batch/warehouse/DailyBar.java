package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A raw (unadjusted) daily bar, normalized: prices in CNY (or index points), volume in
 * shares, amount in CNY.
 *
 * @param symbol the instrument in warehouse (Tushare) form
 * @param tradeDate the trading day
 * @param open the opening price
 * @param high the highest price
 * @param low the lowest price
 * @param close the closing price
 * @param preClose the previous close adjusted for that day's corporate actions, or
 * {@code null} when the source does not give one
 * @param volume shares traded
 * @param amount value traded in CNY
 */
public record DailyBar(String symbol, LocalDate tradeDate, BigDecimal open, BigDecimal high, BigDecimal low,
		BigDecimal close, BigDecimal preClose, long volume, BigDecimal amount) {

	/**
	 * Why this bar cannot be true, if it cannot.
	 * @return the reason, or {@code null} when the bar is plausible
	 */
	public String implausibility() {
		return Prices.implausibility(this.open, this.high, this.low, this.close, this.volume, this.amount);
	}

}
