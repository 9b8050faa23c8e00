package com.marketbase.batch.job.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.source.Units;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.warehouse.Bar;

/**
 * The TDX gateway's raw intraday bars, types {@code minute1} to {@code hour}, kept to the
 * day asked for: from the latest window of {@value #WINDOW} bars
 * ({@code /api/kline-history}, one raw request, which reaches back 3 days of 1-minute
 * bars and 16 of 5-minute ones), and from the whole history ({@code /api/kline-all}) only
 * for a day older than that.
 */
final class TdxAggregateFeed implements AggregateFeed {

	private static final Map<Integer, String> TYPES = Map.of(5, "minute5", 15, "minute15", 30, "minute30", 60, "hour");

	private static final int WINDOW = 800;

	private final TdxClient client;

	TdxAggregateFeed(TdxClient client) {
		this.client = client;
	}

	@Override
	public List<Bar> bars(String symbol, int minutes, LocalDate day) {
		return ofDay(symbol, TYPES.get(minutes), day);
	}

	@Override
	public List<Bar> minutes(String symbol, LocalDate day) {
		return ofDay(symbol, "minute1", day);
	}

	private List<Bar> ofDay(String symbol, String type, LocalDate day) {
		TdxCode code = TdxCode.stock(symbol);
		Instant start = Units.beijing(day, LocalTime.MIDNIGHT);
		Instant end = Units.beijing(day.plusDays(1), LocalTime.MIDNIGHT);
		List<Bar> recent = this.client.latestBars(code, type, WINDOW).items();
		// The window holds the whole day when it begins before the day does.
		if (!recent.isEmpty() && recent.get(0).end().isBefore(start)) {
			return recent.stream().filter((bar) -> bar.end().isAfter(start) && !bar.end().isAfter(end)).toList();
		}
		return this.client.allBars(code, type, day, day).items();
	}

	@Override
	public Bar daily(String symbol, boolean etf, LocalDate day) {
		return AggregateFeed.sessionBar(this.client.dailyBars(TdxCode.stock(symbol), day, day).items());
	}

}
