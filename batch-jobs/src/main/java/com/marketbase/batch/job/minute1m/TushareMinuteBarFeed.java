package com.marketbase.batch.job.minute1m;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.tushare.TushareClient;

/**
 * 1-minute bars from Tushare Pro's {@code stk_mins}. One call returns at most 8,000 rows,
 * 33 days of 241 bars; a unit of 30 days stays clear of the cap (the client splits a
 * window that reaches it anyway).
 */
class TushareMinuteBarFeed implements MinuteBarFeed {

	private final TushareClient client;

	private final ReferenceFeed reference;

	TushareMinuteBarFeed(TushareClient client, ReferenceFeed reference) {
		this.client = client;
		this.reference = reference;
	}

	@Override
	public SourceName source() {
		return this.client.source();
	}

	@Override
	public int daysPerUnit() {
		return 30;
	}

	@Override
	public Fetched<Bar> bars(MinuteUnit unit) {
		return this.client.minuteBars(unit.symbol(), "1min", unit.first(), unit.last());
	}

	@Override
	public ReferenceFeed reference() {
		return this.reference;
	}

}
