package com.marketbase.batch.warehouse.reference;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An open-end fund as the fund list gives it: its listing (class {@code fund} on the
 * {@code OTC} exchange) and its profile, which tells money-market funds apart.
 *
 * @param listing the instrument, listed from its inception
 * @param fundType the source's fund type, for example {@code 混合型} or {@code 货币市场型}
 * @param moneyMarket whether the fund reports an income per 10,000 units instead of a NAV
 * @param investType the investment style, or {@code null}
 * @param management the management company, or {@code null}
 * @param custodian the custodian bank, or {@code null}
 * @param benchmark the performance benchmark, or {@code null}
 * @param foundDate the inception day, or {@code null}
 */
public record FundListing(Listing listing, String fundType, boolean moneyMarket, @Nullable String investType,
		@Nullable String management, @Nullable String custodian, @Nullable String benchmark,
		@Nullable LocalDate foundDate) implements ReferenceItem {

	/** The fund type Tushare gives money-market funds. */
	public static final String MONEY_MARKET = "货币市场型";

	/**
	 * An open-end fund, priced to the ten-thousandth of a yuan in units of one.
	 * @param symbol the code, for example {@code 000001.OF}
	 * @param name the name
	 * @param foundDate the inception day, which is when it has NAVs from
	 * @param delistDate the day it closed, or {@code null}
	 * @return the listing
	 */
	public static Listing listing(String symbol, String name, @Nullable LocalDate foundDate,
			@Nullable LocalDate delistDate) {
		return new Listing(symbol, name, "OTC", "fund", foundDate, delistDate, (delistDate != null) ? "D" : "L",
				new BigDecimal("0.0001"), 1, "CNY");
	}

}
