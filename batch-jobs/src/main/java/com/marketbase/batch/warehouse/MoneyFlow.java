package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A stock's money flow of one day by order size (Tushare {@code moneyflow}), in warehouse
 * units: volumes in shares and amounts in CNY (the source sends lots of 100 shares and
 * 10,000 CNY). Small orders are under 50,000 CNY, medium 50,000 to 200,000, large 200,000
 * to 1 million, extra large from 1 million; the source counts actively initiated orders.
 * The net flow is the source's own figure from level-2 orders, not the sum of the sizes.
 *
 * @param symbol the stock
 * @param tradeDate the day
 * @param buy shares and amounts bought, by size
 * @param sell shares and amounts sold, by size
 * @param netVolume net inflow, shares
 * @param netAmount net inflow, CNY
 */
public record MoneyFlow(String symbol, LocalDate tradeDate, Sizes buy, Sizes sell, @Nullable Long netVolume,
		@Nullable BigDecimal netAmount) {

	/**
	 * Why this row cannot be true, if it cannot.
	 * @return the reason, or {@code null} when the row is plausible
	 */
	public @Nullable String implausibility() {
		String buying = this.buy.implausibility();
		if (buying != null) {
			return "buy " + buying;
		}
		String selling = this.sell.implausibility();
		return (selling != null) ? "sell " + selling : null;
	}

	/**
	 * One side's volumes and amounts by order size.
	 *
	 * @param smallVolume small orders, shares
	 * @param smallAmount small orders, CNY
	 * @param mediumVolume medium orders, shares
	 * @param mediumAmount medium orders, CNY
	 * @param largeVolume large orders, shares
	 * @param largeAmount large orders, CNY
	 * @param extraLargeVolume extra-large orders, shares
	 * @param extraLargeAmount extra-large orders, CNY
	 */
	public record Sizes(@Nullable Long smallVolume, @Nullable BigDecimal smallAmount, @Nullable Long mediumVolume,
			@Nullable BigDecimal mediumAmount, @Nullable Long largeVolume, @Nullable BigDecimal largeAmount,
			@Nullable Long extraLargeVolume, @Nullable BigDecimal extraLargeAmount) {

		@Nullable String implausibility() {
			if (negative(this.smallVolume) || negative(this.mediumVolume) || negative(this.largeVolume)
					|| negative(this.extraLargeVolume)) {
				return "volume is negative";
			}
			if (negative(this.smallAmount) || negative(this.mediumAmount) || negative(this.largeAmount)
					|| negative(this.extraLargeAmount)) {
				return "amount is negative";
			}
			return null;
		}

		private static boolean negative(@Nullable Long value) {
			return value != null && value < 0;
		}

		private static boolean negative(@Nullable BigDecimal value) {
			return value != null && value.signum() < 0;
		}

	}

}
