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
					"total_mv", "circ_mv"),
			"moneyflow",
			List.of("ts_code", "trade_date", "buy_sm_vol", "buy_sm_amount", "sell_sm_vol", "sell_sm_amount",
					"buy_md_vol", "buy_md_amount", "sell_md_vol", "sell_md_amount", "buy_lg_vol", "buy_lg_amount",
					"sell_lg_vol", "sell_lg_amount", "buy_elg_vol", "buy_elg_amount", "sell_elg_vol", "sell_elg_amount",
					"net_mf_vol", "net_mf_amount"));

	/** The per-call row caps, as documented. */
	static final Map<String, Integer> CAPS = Map.of("daily_basic", 6000, "moneyflow", 6000);

	/** Each size's share of a day's volume: small, medium, large, extra large. */
	private static final double[] SIZE_SHARES = { 0.4, 0.3, 0.2, 0.1 };

	private static final String[] SIZES = { "sm", "md", "lg", "elg" };

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

	/**
	 * The {@code moneyflow} rows of some stocks and days, newest day first, in lots and
	 * 10,000 CNY; the sizes on each side add up to the day's bar, split by fixed shares
	 * and a per-stock, per-day tilt between buying and selling. A suspended day has no
	 * row.
	 * @param stocks the stocks
	 * @param days the open days, oldest first
	 * @return the rows
	 */
	List<Map<String, Object>> moneyflow(List<SimulatedInstrument> stocks, List<LocalDate> days) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int d = days.size() - 1; d >= 0; d--) {
			for (SimulatedInstrument stock : stocks) {
				SyntheticMarket.DayBar bar = this.market.day(stock, days.get(d));
				if (bar != null) {
					rows.add(moneyflowRow(bar));
				}
			}
		}
		return rows;
	}

	private static Map<String, Object> moneyflowRow(SyntheticMarket.DayBar bar) {
		double buying = 0.4 + Math.floorMod(bar.symbol().hashCode() + bar.date().getDayOfYear(), 21) / 100.0;
		double amount = bar.amountLi() / 1000.0 / 10_000.0;
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("ts_code", bar.symbol());
		row.put("trade_date", DATE.format(bar.date()));
		long netLots = 0;
		double netAmount = 0;
		for (int size = 0; size < SIZES.length; size++) {
			long buyLots = Math.round(bar.lots() * SIZE_SHARES[size] * buying);
			long sellLots = Math.round(bar.lots() * SIZE_SHARES[size] * (1 - buying));
			double buyAmount = round(amount * SIZE_SHARES[size] * buying, 2);
			double sellAmount = round(amount * SIZE_SHARES[size] * (1 - buying), 2);
			row.put("buy_" + SIZES[size] + "_vol", buyLots);
			row.put("buy_" + SIZES[size] + "_amount", buyAmount);
			row.put("sell_" + SIZES[size] + "_vol", sellLots);
			row.put("sell_" + SIZES[size] + "_amount", sellAmount);
			netLots += buyLots - sellLots;
			netAmount += buyAmount - sellAmount;
		}
		row.put("net_mf_vol", netLots);
		row.put("net_mf_amount", round(netAmount, 2));
		return row;
	}

	/**
	 * A stock's shares outstanding, fixed: from 50 million to about 5 billion.
	 * @param stock the stock
	 * @return the shares, in 10,000 shares
	 */
	static double totalShares(SimulatedInstrument stock) {
		return 5_000 + Math.floorMod(stock.symbol().hashCode(), 1000) * 500.0;
	}

	/**
	 * A stock's tradable shares, fixed: four fifths of those outstanding.
	 * @param stock the stock
	 * @return the shares, in 10,000 shares
	 */
	static double floatShares(SimulatedInstrument stock) {
		return Math.round(totalShares(stock) * 0.8);
	}

	private static Map<String, Object> dailyBasicRow(SimulatedInstrument stock, SyntheticMarket.DayBar bar) {
		int seed = Math.floorMod(stock.symbol().hashCode(), 1000);
		double total = totalShares(stock);
		double floating = floatShares(stock);
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
