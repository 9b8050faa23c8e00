package com.marketbase.batch.sandbox;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of Tushare's per-stock daily indicators, {@code daily_basic}, in the server's
 * column order and units: share counts in 10,000 shares, market values in 10,000 CNY,
 * rates in percent. Values follow the synthetic market's bars, so that a market value is
 * the close times the shares; the share counts are fixed per stock. The
 * {@link TushareSimulator} wraps them in its envelope, quotas and paging.
 */
final class TushareFundamentalAnswers {

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	/** The columns of each endpoint, in the server's order. */
	static final Map<String, List<String>> COLUMNS = Map.of("daily_basic",
			List.of("ts_code", "trade_date", "close", "turnover_rate", "turnover_rate_f", "volume_ratio", "pe",
					"pe_ttm", "pb", "ps", "ps_ttm", "dv_ratio", "dv_ttm", "total_share", "float_share", "free_share",
					"total_mv", "circ_mv"));

	/** The per-call row caps, as documented. */
	static final Map<String, Integer> CAPS = Map.of("daily_basic", 6000);

	private final SyntheticMarket market;

	TushareFundamentalAnswers(SyntheticMarket market) {
		this.market = market;
	}

	/**
	 * The {@code daily_basic} rows of some stocks and days, newest day first; a day
	 * without a bar (a suspension) has no row, as on the real server.
	 * @param stocks the stocks
	 * @param days the open days, oldest first
	 * @return the rows
	 */
	List<Map<String, Object>> dailyBasic(List<SimulatedInstrument> stocks, List<LocalDate> days) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int d = days.size() - 1; d >= 0; d--) {
			for (SimulatedInstrument stock : stocks) {
				SyntheticMarket.DayBar bar = this.market.day(stock, days.get(d));
				if (bar != null) {
					rows.add(dailyBasicRow(stock, bar));
				}
			}
		}
		return rows;
	}

	private static Map<String, Object> dailyBasicRow(SimulatedInstrument stock, SyntheticMarket.DayBar bar) {
		int seed = Math.floorMod(stock.symbol().hashCode(), 1000);
		// 10,000 shares: from 50 million to about 5 billion shares.
		double total = 5_000 + seed * 500.0;
		double floating = Math.round(total * 0.8);
		double free = Math.round(total * 0.55);
		double close = bar.close() / 1000.0;
		double traded = bar.lots() * 100.0 / 10_000.0;
		// Earnings and sales per share are fixed per stock; every tenth stock makes a
		// loss
		// and has no P/E, as the real answer leaves it out.
		double earnings = (seed % 10 == 0) ? -0.05 : 0.2 + seed / 1000.0;
		double book = 2.0 + seed / 250.0;
		double sales = 1.5 + seed / 200.0;
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("ts_code", bar.symbol());
		row.put("trade_date", DATE.format(bar.date()));
		row.put("close", close);
		row.put("turnover_rate", round(traded * 100 / total, 4));
		row.put("turnover_rate_f", round(traded * 100 / free, 4));
		row.put("volume_ratio", round(0.6 + (Math.floorMod(bar.date().getDayOfYear() + seed, 90)) / 100.0, 2));
		row.put("pe", (earnings > 0) ? round(close / earnings, 4) : null);
		row.put("pe_ttm", (earnings > 0) ? round(close / (earnings * 1.05), 4) : null);
		row.put("pb", round(close / book, 4));
		row.put("ps", round(close / sales, 4));
		row.put("ps_ttm", round(close / (sales * 1.03), 4));
		row.put("dv_ratio", (earnings > 0) ? round(earnings * 30 / close, 4) : null);
		row.put("dv_ttm", (earnings > 0) ? round(earnings * 30 / close, 4) : null);
		row.put("total_share", total);
		row.put("float_share", floating);
		row.put("free_share", free);
		row.put("total_mv", round(close * total, 4));
		row.put("circ_mv", round(close * floating, 4));
		return row;
	}

	private static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

}
