package com.marketbase.batch.sandbox;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The disclosed holdings of the OTC funds, Tushare's {@code fund_portfolio}, in the
 * server's column order and units: market values in CNY, share counts in shares, ratios
 * in percent. They are the holdings that drive the funds' NAVs in the
 * {@link SyntheticMarket}, disclosed as a fund discloses them: per quarter, some weeks
 * after the quarter ends, the weights rounded to hundredths of a percent. The
 * {@link TushareSimulator} wraps them in its envelope, quotas and paging.
 */
final class TushareFundAnswers {

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	/** The columns of each endpoint, in the server's order. */
	static final Map<String, List<String>> COLUMNS = Map.of("fund_portfolio",
			List.of("ts_code", "ann_date", "end_date", "symbol", "mkv", "amount", "stk_mkv_ratio", "stk_float_ratio"));

	/** The per-call row caps (the sandbox's guess; the documentation names none). */
	static final Map<String, Integer> CAPS = Map.of("fund_portfolio", 5000);

	/** Every fund's net assets, in CNY, from which its holdings' market values follow. */
	static final double NET_ASSETS = 2e9;

	/** How long after a quarter's end its holdings are announced. */
	static final int ANNOUNCEMENT_LAG_DAYS = 20;

	private final SandboxSettings settings;

	private final Universe universe;

	private final SyntheticMarket market;

	TushareFundAnswers(SandboxSettings settings, Universe universe, SyntheticMarket market) {
		this.settings = settings;
		this.universe = universe;
		this.market = market;
	}

	/**
	 * The {@code fund_portfolio} rows of one fund: each holding at each quarter's end
	 * from the quarter the fund started in, announced {@value #ANNOUNCEMENT_LAG_DAYS}
	 * days later, and only what is announced by the sandbox's today; newest quarter first
	 * and, within one, the largest holding first. {@code start_date} and {@code end_date}
	 * filter on the quarter's end, {@code ann_date} on the announcement exactly.
	 * @param symbol the fund ({@code ts_code}, which the sandbox requires)
	 * @param announced the announcement day, or {@code null}
	 * @param from the first quarter's end, or {@code null}
	 * @param to the last quarter's end, or {@code null}
	 * @return the rows; none for a money-market fund or an unknown code
	 */
	List<Map<String, Object>> portfolio(String symbol, LocalDate announced, LocalDate from, LocalDate to) {
		if (symbol.isEmpty()) {
			// Worded as the server words a missing required parameter.
			throw new IllegalArgumentException("必填参数ts_code不能为空");
		}
		SimulatedInstrument fund = this.universe.find(symbol);
		if (fund == null || fund.kind() != InstrumentKind.FUND) {
			return List.of();
		}
		List<LocalDate> periods = new ArrayList<>();
		LocalDate lastAnnounced = this.settings.today();
		for (LocalDate period = quarterEnd(fund.listDate()); !period.plusDays(ANNOUNCEMENT_LAG_DAYS)
			.isAfter(lastAnnounced); period = quarterEnd(period.plusDays(1))) {
			LocalDate out = period.plusDays(ANNOUNCEMENT_LAG_DAYS);
			if ((announced == null || out.equals(announced)) && (from == null || !period.isBefore(from))
					&& (to == null || !period.isAfter(to))) {
				periods.add(0, period);
			}
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		for (LocalDate period : periods) {
			for (SyntheticMarket.Holding holding : this.market.holdings(fund)) {
				rows.add(row(fund, period, holding));
			}
		}
		return rows;
	}

	private Map<String, Object> row(SimulatedInstrument fund, LocalDate period, SyntheticMarket.Holding holding) {
		double value = NET_ASSETS * holding.weight();
		double shares = Math.round(value / (closeOn(holding.stock(), period) / 1000.0) / 100) * 100.0;
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("ts_code", fund.symbol());
		row.put("ann_date", DATE.format(period.plusDays(ANNOUNCEMENT_LAG_DAYS)));
		row.put("end_date", DATE.format(period));
		row.put("symbol", holding.symbol());
		row.put("mkv", round(value, 2));
		row.put("amount", shares);
		row.put("stk_mkv_ratio", round(holding.weight() * 100, 2));
		row.put("stk_float_ratio",
				round(shares * 100 / (TushareFundamentalAnswers.floatShares(holding.stock()) * 10_000), 2));
		return row;
	}

	/**
	 * The stock's last close on or before a day, in li: its start price before the
	 * sandbox's history, which is all it knows of earlier prices.
	 */
	private long closeOn(SimulatedInstrument stock, LocalDate day) {
		List<LocalDate> open = TradingCalendar.openDays(TradingCalendar.FIRST, day);
		for (int d = open.size() - 1; d >= 0; d--) {
			SyntheticMarket.DayBar bar = this.market.day(stock, open.get(d));
			if (bar != null) {
				return bar.close();
			}
		}
		return stock.startLi();
	}

	private static LocalDate quarterEnd(LocalDate day) {
		int lastMonth = ((day.getMonthValue() - 1) / 3 + 1) * 3;
		return day.withDayOfMonth(1).withMonth(lastMonth).with(TemporalAdjusters.lastDayOfMonth());
	}

	private static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

}
