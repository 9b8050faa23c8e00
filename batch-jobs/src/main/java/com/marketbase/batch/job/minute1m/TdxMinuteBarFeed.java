package com.marketbase.batch.job.minute1m;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;

/**
 * 1-minute bars from the TDX gateway's {@code /api/kline-all}, which answers with
 * everything it has for a code; a unit therefore covers many days with one call.
 */
class TdxMinuteBarFeed implements MinuteBarFeed {

	private final TdxClient client;

	private final ReferenceFeed reference;

	TdxMinuteBarFeed(TdxClient client, ReferenceFeed reference) {
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
		return this.client.allBars(TdxCode.stock(unit.symbol()), "minute1", unit.first(), unit.last());
	}

	@Override
	public ReferenceFeed reference() {
		return this.reference;
	}

}
