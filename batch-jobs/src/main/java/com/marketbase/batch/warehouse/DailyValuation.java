package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A stock's valuation and trading indicators of one day (Tushare {@code daily_basic}), in
 * warehouse units: share counts in shares and market values in CNY (the source sends
 * 10,000 of each), rates and yields in percent as sent. A ratio the source leaves out (a
 * loss-making company has no P/E) stays {@code null}.
 *
 * @param symbol the stock
 * @param tradeDate the day
 * @param close the day's close, CNY
 * @param turnoverRate shares traded over shares outstanding, percent
 * @param turnoverRateFree shares traded over the free float, percent
 * @param volumeRatio the day's volume per minute over that of the last five days
 * @param pe price over earnings
 * @param peTtm price over the trailing twelve months' earnings
 * @param pb price over book value
 * @param ps price over sales
 * @param psTtm price over the trailing twelve months' sales
 * @param dividendYield dividend yield, percent
 * @param dividendYieldTtm trailing twelve months' dividend yield, percent
 * @param totalShares shares outstanding
 * @param floatShares shares that may trade
 * @param freeShares the free float
 * @param totalMarketValue market value, CNY
 * @param floatMarketValue market value of the shares that may trade, CNY
 */
public record DailyValuation(String symbol, LocalDate tradeDate, BigDecimal close, @Nullable BigDecimal turnoverRate,
		@Nullable BigDecimal turnoverRateFree, @Nullable BigDecimal volumeRatio, @Nullable BigDecimal pe,
		@Nullable BigDecimal peTtm, @Nullable BigDecimal pb, @Nullable BigDecimal ps, @Nullable BigDecimal psTtm,
		@Nullable BigDecimal dividendYield, @Nullable BigDecimal dividendYieldTtm, @Nullable BigDecimal totalShares,
		@Nullable BigDecimal floatShares, @Nullable BigDecimal freeShares, @Nullable BigDecimal totalMarketValue,
		@Nullable BigDecimal floatMarketValue) {

	/**
	 * Why this row cannot be true, if it cannot.
	 * @return the reason, or {@code null} when the row is plausible
	 */
	public @Nullable String implausibility() {
		if (this.close.signum() <= 0) {
			return "close " + this.close.toPlainString() + " is not positive";
		}
		if (negative(this.totalShares) || negative(this.floatShares) || negative(this.freeShares)) {
			return "a share count is negative";
		}
		if (negative(this.totalMarketValue) || negative(this.floatMarketValue)) {
			return "a market value is negative";
		}
		if (negative(this.turnoverRate) || negative(this.turnoverRateFree)) {
			return "a turnover rate is negative";
		}
		return null;
	}

	private static boolean negative(@Nullable BigDecimal value) {
		return value != null && value.signum() < 0;
	}

}
