package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One version of a stock's financial indicators for one report period, as Tushare's
 * {@code fina_indicator} sent it: an original, or a restatement with its own announcement
 * day and usually {@code update_flag} 1. Versions are never merged: a query as of a day
 * sees the latest one announced by then.
 *
 * @param symbol the stock
 * @param periodEnd the last day of the report period (a quarter's end)
 * @param announced the day the source says the version was announced
 * @param updateFlag the source's {@code update_flag} as sent, empty when it sent none
 * @param indicators the indicators stored as typed columns, by the source's column name
 * ({@link #TYPED}); a value the source left out is absent
 * @param others every other column the source sent, as a JSON object, so that nothing it
 * sent is lost
 * @param qualityNote what is odd about the row as sent, or {@code null}
 */
public record FinancialReport(String symbol, LocalDate periodEnd, LocalDate announced, String updateFlag,
		Map<String, BigDecimal> indicators, String others, @Nullable String qualityNote) {

	/**
	 * The indicators kept as typed columns, named as the source names them: per-share
	 * figures in CNY, ratios and growth rates in percent as sent, amounts in CNY.
	 */
	public static final List<String> TYPED = List.of("eps", "dt_eps", "bps", "ocfps", "cfps", "roe", "roe_waa",
			"roe_dt", "roa", "roic", "netprofit_margin", "grossprofit_margin", "current_ratio", "quick_ratio",
			"cash_ratio", "debt_to_assets", "assets_turn", "profit_dedt", "extra_item", "ebit", "ebitda",
			"basic_eps_yoy", "netprofit_yoy", "dt_netprofit_yoy", "or_yoy", "tr_yoy", "ocf_yoy", "roe_yoy",
			"equity_yoy");

	public FinancialReport {
		indicators = Map.copyOf(indicators);
	}

	/**
	 * The day a report of a period must be out by law: Q1 by 30 April, the half year by
	 * 31 August, Q3 by 31 October, the year by 30 April of the next.
	 * @param periodEnd the period's last day
	 * @return the deadline
	 */
	public static LocalDate deadline(LocalDate periodEnd) {
		return switch (periodEnd.getMonthValue()) {
			case 3 -> LocalDate.of(periodEnd.getYear(), 4, 30);
			case 6 -> LocalDate.of(periodEnd.getYear(), 8, 31);
			case 9 -> LocalDate.of(periodEnd.getYear(), 10, 31);
			default -> LocalDate.of(periodEnd.getYear() + 1, 4, 30);
		};
	}

}
