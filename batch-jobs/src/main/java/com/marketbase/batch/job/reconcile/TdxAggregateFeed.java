package com.marketbase.batch.job.reconcile;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.warehouse.Bar;

/**
 * The TDX gateway's raw intraday bars ({@code /api/kline-all}, types {@code minute5} to
 * {@code hour}), kept to the day asked for.
 */
final class TdxAggregateFeed implements AggregateFeed {

	private static final Map<Integer, String> TYPES = Map.of(5, "minute5", 15, "minute15", 30, "minute30", 60, "hour");

	private final TdxClient client;

	TdxAggregateFeed(TdxClient client) {
		this.client = client;
	}

	@Override
	public List<Bar> bars(String symbol, int minutes, LocalDate day) {
		return this.client.allBars(TdxCode.stock(symbol), TYPES.get(minutes), day, day).items();
	}

	@Override
	public List<Bar> minutes(String symbol, LocalDate day) {
		return this.client.allBars(TdxCode.stock(symbol), "minute1", day, day).items();
	}

	@Override
	public Bar daily(String symbol, boolean etf, LocalDate day) {
		return AggregateFeed.sessionBar(this.client.dailyBars(TdxCode.stock(symbol), day, day).items());
	}

}
