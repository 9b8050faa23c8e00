package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An FX pair's daily bid and ask bar.
 *
 * @param symbol the pair in Tushare form, for example {@code USDCNH.FXCM}
 * @param tradeDate the GMT date, as the source sends it
 * @param bidOpen the opening bid
 * @param bidHigh the highest bid
 * @param bidLow the lowest bid
 * @param bidClose the closing bid
 * @param askOpen the opening ask
 * @param askHigh the highest ask
 * @param askLow the lowest ask
 * @param askClose the closing ask
 * @param ticks the number of quotes, or {@code null}
 */
public record FxBar(String symbol, LocalDate tradeDate, BigDecimal bidOpen, BigDecimal bidHigh, BigDecimal bidLow,
		BigDecimal bidClose, BigDecimal askOpen, BigDecimal askHigh, BigDecimal askLow, BigDecimal askClose,
		@Nullable Long ticks) {

	/**
	 * Why this bar cannot be true, if it cannot.
	 * @return the reason, or {@code null} when the bar is plausible
	 */
	public @Nullable String implausibility() {
		String bid = Prices.implausibility(this.bidOpen, this.bidHigh, this.bidLow, this.bidClose, 0, BigDecimal.ZERO);
		if (bid != null) {
			return "bid " + bid;
		}
		String ask = Prices.implausibility(this.askOpen, this.askHigh, this.askLow, this.askClose, 0, BigDecimal.ZERO);
		if (ask != null) {
			return "ask " + ask;
		}
		if (this.askClose.compareTo(this.bidClose) < 0) {
			return "the closing ask " + this.askClose.toPlainString() + " is below the bid "
					+ this.bidClose.toPlainString();
		}
		if (this.ticks != null && this.ticks < 0) {
			return "tick count " + this.ticks + " is negative";
		}
		return null;
	}

}
