package com.marketbase.batch.job.quotesnapshot;

import java.util.List;

import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.RealtimeQuote;

/**
 * Where one snapshot's quotes come from: the calls it takes and one call's quotes.
 */
interface QuoteFeed {

	/**
	 * The source's key, stored with every row.
	 * @return for example {@code tushare}
	 */
	String source();

	/**
	 * The endpoint, as {@code market.realtime_sources} and the summary name it.
	 * @return for example {@code rt_k}
	 */
	String endpoint();

	/**
	 * The calls of one snapshot, each a request the feed understands.
	 * @return the requests, at least one
	 */
	List<String> requests();

	/**
	 * One call.
	 * @param request one of {@link #requests()}
	 * @return its quotes
	 */
	Fetched<RealtimeQuote> fetch(String request);

}
