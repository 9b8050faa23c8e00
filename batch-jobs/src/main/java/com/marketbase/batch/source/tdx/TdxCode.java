package com.marketbase.batch.source.tdx;

import java.util.Locale;

/**
 * An instrument as the TDX gateway wants it: a bare six-digit code for stocks and funds
 * (the gateway adds the exchange), a prefixed one for indexes.
 *
 * @param symbol the warehouse (Tushare) form, for example {@code 000001.SH}
 * @param index whether the instrument is an index
 */
public record TdxCode(String symbol, boolean index) {

	public TdxCode {
		int dot = symbol.indexOf('.');
		if (dot != 6) {
			throw new IllegalArgumentException("'" + symbol + "' is not a six-digit code with an exchange suffix");
		}
	}

	public static TdxCode stock(String symbol) {
		return new TdxCode(symbol, false);
	}

	public static TdxCode index(String symbol) {
		return new TdxCode(symbol, true);
	}

	/**
	 * The code to send.
	 * @return {@code 600000} for a stock, {@code sh000001} for an index
	 */
	public String wire() {
		String digits = this.symbol.substring(0, 6);
		return this.index ? this.symbol.substring(7).toLowerCase(Locale.ROOT) + digits : digits;
	}

	/**
	 * The warehouse symbol of a code and exchange as {@code /api/codes} lists them.
	 * @param code six digits
	 * @param exchange {@code sh}, {@code sz} or {@code bj}
	 * @return for example {@code 600000.SH}
	 */
	static String symbolOf(String code, String exchange) {
		return code + "." + exchange.toUpperCase(Locale.ROOT);
	}

}
