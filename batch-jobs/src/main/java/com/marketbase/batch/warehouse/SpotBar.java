package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An SGE spot contract's daily bar: that day's session with the night session before it.
 *
 * @param symbol the contract as Tushare writes it, without suffix: {@code Au99.99},
 * {@code Au(T+D)}
 * @param tradeDate the trading day
 * @param open the opening price, CNY per gram (per kilogram for silver)
 * @param high the highest price
 * @param low the lowest price
 * @param close the closing price
 * @param averagePrice the volume-weighted average price, or {@code null}
 * @param volumeKg kilograms traded, both sides counted
 * @param amount value traded in CNY
 * @param openInterest open interest of a deferred contract, or {@code null}
 * @param settleVolume the deferred contract's delivered volume, or {@code null}
 * @param settleDirection who paid the deferral fee, as the source says, or {@code null}
 */
public record SpotBar(String symbol, LocalDate tradeDate, BigDecimal open, BigDecimal high, BigDecimal low,
		BigDecimal close, @Nullable BigDecimal averagePrice, BigDecimal volumeKg, BigDecimal amount,
		@Nullable BigDecimal openInterest, @Nullable BigDecimal settleVolume, @Nullable String settleDirection) {

	/**
	 * Why this bar cannot be true, if it cannot.
	 * @return the reason, or {@code null} when the bar is plausible
	 */
	public @Nullable String implausibility() {
		if (this.volumeKg.signum() < 0) {
			return "volume " + this.volumeKg.toPlainString() + " is negative";
		}
		return Prices.implausibility(this.open, this.high, this.low, this.close, 0, this.amount);
	}

}
