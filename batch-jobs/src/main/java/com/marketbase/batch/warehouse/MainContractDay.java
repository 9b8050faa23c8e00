package com.marketbase.batch.warehouse;

import java.time.LocalDate;

/**
 * The contract a futures main-contract code stood for on one day.
 *
 * @param mainSymbol the main-contract code in Tushare form, for example {@code IF.CFX}
 * @param tradeDate the trading day
 * @param contract the contract it maps to, for example {@code IF2412.CFX}
 */
public record MainContractDay(String mainSymbol, LocalDate tradeDate, String contract) {
}
