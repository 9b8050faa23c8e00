package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A futures contract's daily bar, normalized: prices in the contract's quote unit, volume
 * and open interest in lots, amount in CNY.
 *
 * @param symbol the contract in Tushare form, for example {@code IF2412.CFX}
 * @param tradeDate the trading day (a night session belongs to the next trading day)
 * @param open the opening price
 * @param high the highest price
 * @param low the lowest price
 * @param close the closing price
 * @param preClose the previous close, or {@code null}
 * @param settle the settlement price, or {@code null}
 * @param preSettle the previous settlement price, or {@code null}
 * @param volume lots traded
 * @param amount value traded in CNY
 * @param openInterest lots open at the close, or {@code null}
 * @param openInterestChange the change of open interest, or {@code null}
 * @param deliverySettle the delivery settlement price, given on delivery days only
 */
public record FuturesBar(String symbol, LocalDate tradeDate, BigDecimal open, BigDecimal high, BigDecimal low,
		BigDecimal close, @Nullable BigDecimal preClose, @Nullable BigDecimal settle, @Nullable BigDecimal preSettle,
		BigDecimal volume, BigDecimal amount, @Nullable BigDecimal openInterest,
		@Nullable BigDecimal openInterestChange, @Nullable BigDecimal deliverySettle) {

	/**
	 * Why this bar cannot be true, if it cannot.
	 * @return the reason, or {@code null} when the bar is plausible
	 */
	public @Nullable String implausibility() {
		if (this.volume.signum() < 0) {
			return "volume " + this.volume.toPlainString() + " is negative";
		}
		if (this.openInterest != null && this.openInterest.signum() < 0) {
			return "open interest " + this.openInterest.toPlainString() + " is negative";
		}
		return Prices.implausibility(this.open, this.high, this.low, this.close, 0, this.amount);
	}

}
