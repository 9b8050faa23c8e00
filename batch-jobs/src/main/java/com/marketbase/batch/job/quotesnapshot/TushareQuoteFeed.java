package com.marketbase.batch.job.quotesnapshot;

import java.util.List;

import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.RealtimeQuote;

/**
 * Tushare's {@code rt_k}, one call per board wildcard ({@code 6*.SH}), so that a whole
 * market costs six calls of a quota that may be ten an hour.
 */
record TushareQuoteFeed(TushareClient client, List<String> boards) implements QuoteFeed {

	@Override
	public String source() {
		return this.client.source().key();
	}

	@Override
	public String endpoint() {
		return "rt_k";
	}

	@Override
	public List<String> requests() {
		return this.boards;
	}

	@Override
	public Fetched<RealtimeQuote> fetch(String request) {
		return this.client.realtimeQuotes(request);
	}

}
