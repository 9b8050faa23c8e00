package com.marketbase.batch.job.reconcile;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.warehouse.Bar;

/**
 * Tushare's {@code stk_mins} at 5, 15, 30 and 60 minutes, and at 1 minute for a cause.
 */
final class TushareAggregateFeed implements AggregateFeed {

	private final TushareClient client;

	TushareAggregateFeed(TushareClient client) {
		this.client = client;
	}

	@Override
	public List<Bar> bars(String symbol, int minutes, LocalDate day) {
		return this.client.minuteBars(symbol, minutes + "min", day, day).items();
	}

	@Override
	public List<Bar> minutes(String symbol, LocalDate day) {
		return this.client.minuteBars(symbol, "1min", day, day).items();
	}

	@Override
	public Bar daily(String symbol, boolean etf, LocalDate day) {
		return AggregateFeed
			.sessionBar((etf ? this.client.fundDaily(symbol, day, day) : this.client.daily(symbol, day, day)).items());
	}

}
