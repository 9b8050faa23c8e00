package com.marketbase.batch.warehouse.reference;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An instrument of any asset class as a source lists it, with its listing window.
 *
 * @param symbol the code in warehouse (Tushare) form: {@code 600000.SH},
 * {@code 510300.SH}, {@code 000300.SH}, {@code IF2412.CFX}, {@code Au99.99},
 * {@code USDCNH.FXCM}
 * @param name the short name
 * @param exchange {@code SSE}, {@code SZSE}, {@code BSE}, {@code CFFEX}, {@code SHFE},
 * {@code DCE}, {@code CZCE}, {@code INE}, {@code GFEX}, {@code SGE}, {@code FXCM},
 * {@code CSI} or {@code SW}
 * @param assetClass {@code stock}, {@code etf}, {@code index}, {@code future},
 * {@code spot} or {@code fx}
 * @param listDate the first trading day, or {@code null} when the source does not say
 * @param delistDate the first day it no longer trades, or {@code null} while it trades
 * (futures: the day after the last trading day)
 * @param listStatus {@code L} listed, {@code D} delisted, {@code P} paused
 * @param tickSize the price step
 * @param lotSize the trading unit
 * @param currency the quote currency
 */
public record Listing(String symbol, String name, String exchange, String assetClass, @Nullable LocalDate listDate,
		@Nullable LocalDate delistDate, String listStatus, BigDecimal tickSize, int lotSize,
		String currency) implements ReferenceItem {

	/**
	 * An A-share as a list of stocks gives it, on the exchange's price step and board
	 * lot.
	 * @param symbol the code
	 * @param name the name
	 * @param exchange {@code SSE}, {@code SZSE} or {@code BSE}
	 * @param listDate the listing day, or {@code null}
	 * @param delistDate the delisting day, or {@code null}
	 * @param listStatus {@code L}, {@code D} or {@code P}
	 * @return the listing
	 */
	public static Listing stock(String symbol, String name, String exchange, @Nullable LocalDate listDate,
			@Nullable LocalDate delistDate, String listStatus) {
		return new Listing(symbol, name, exchange, "stock", listDate, delistDate, listStatus, new BigDecimal("0.01"),
				100, "CNY");
	}

	/**
	 * An exchange-traded fund, priced to the tenth of a fen.
	 * @param symbol the code
	 * @param name the name
	 * @param listDate the listing day, or {@code null}
	 * @param delistDate the delisting day, or {@code null}
	 * @return the listing
	 */
	public static Listing exchangeFund(String symbol, String name, @Nullable LocalDate listDate,
			@Nullable LocalDate delistDate) {
		return new Listing(symbol, name, exchangeOf(symbol), "etf", listDate, delistDate,
				(delistDate != null) ? "D" : "L", new BigDecimal("0.001"), 100, "CNY");
	}

	/**
	 * The exchange of an SSE, SZSE or BSE code by its suffix.
	 * @param symbol for example {@code 510300.SH}
	 * @return {@code SSE}, {@code SZSE} or {@code BSE}
	 * @throws IllegalArgumentException for another suffix
	 */
	public static String exchangeOf(String symbol) {
		if (symbol.endsWith(".SH")) {
			return "SSE";
		}
		if (symbol.endsWith(".SZ")) {
			return "SZSE";
		}
		if (symbol.endsWith(".BJ")) {
			return "BSE";
		}
		throw new IllegalArgumentException("'" + symbol + "' is not an SSE, SZSE or BSE code");
	}

}
