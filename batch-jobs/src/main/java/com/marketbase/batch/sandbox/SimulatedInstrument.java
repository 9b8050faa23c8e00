package com.marketbase.batch.sandbox;

import java.time.LocalDate;

/**
 * One instrument of the sandbox universe.
 *
 * @param symbol the code in Tushare form ({@code 600000.SH}, {@code Au99.99},
 * {@code 000001.OF})
 * @param name its name
 * @param exchange {@code SSE}, {@code SZSE}, {@code BSE}, {@code CFFEX}, {@code SGE},
 * {@code FXCM} or {@code OTC}
 * @param kind what it is
 * @param listDate the first trading day
 * @param tickLi the price step in li (1/1000 CNY): 10 for stocks, 1 for ETFs and indexes
 * @param startLi the price on the first day, in li
 * @param lastDay the last trading day of a delisted, paused or re-coded instrument;
 * {@code null} while it trades
 */
record SimulatedInstrument(String symbol, String name, String exchange, InstrumentKind kind, LocalDate listDate,
		long tickLi, long startLi, LocalDate lastDay) {

	SimulatedInstrument(String symbol, String name, String exchange, InstrumentKind kind, LocalDate listDate,
			long tickLi, long startLi) {
		this(symbol, name, exchange, kind, listDate, tickLi, startLi, null);
	}

	/**
	 * Whether the instrument trades under this code on a day (suspensions aside).
	 * @param date the day
	 * @return whether the day is inside its listing window
	 */
	boolean listedOn(LocalDate date) {
		return !date.isBefore(this.listDate) && (this.lastDay == null || !date.isAfter(this.lastDay));
	}

	String digits() {
		return this.symbol.substring(0, 6);
	}

	/**
	 * The TDX market prefix.
	 * @return {@code sh}, {@code sz} or {@code bj}
	 */
	String market() {
		return switch (this.exchange) {
			case "SSE" -> "sh";
			case "SZSE" -> "sz";
			default -> "bj";
		};
	}

	/**
	 * The daily price limit in percent, by board.
	 * @return 10, 20 (STAR, ChiNext) or 30 (Beijing)
	 */
	int limitPercent() {
		if (this.kind != InstrumentKind.STOCK) {
			return 10;
		}
		if (this.symbol.startsWith("688") || this.symbol.startsWith("300")) {
			return 20;
		}
		return "BSE".equals(this.exchange) ? 30 : 10;
	}

}
