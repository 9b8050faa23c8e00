package com.marketbase.batch.job.quotesnapshot;

import java.util.ArrayList;
import java.util.List;

import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.RealtimeQuote;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The TDX gateway's {@code /api/quote} for every listed A-share and ETF the warehouse
 * knows, {@value TdxClient#QUOTES_PER_CALL} codes a call. The gateway has no quota of its
 * own, so a snapshot of the market is about a hundred calls.
 */
record TdxQuoteFeed(TdxClient client, JdbcTemplate jdbc) implements QuoteFeed {

	@Override
	public String source() {
		return this.client.source().key();
	}

	@Override
	public String endpoint() {
		return "/api/quote";
	}

	@Override
	public List<String> requests() {
		List<String> symbols = this.jdbc.queryForList(
				"select symbol from market.instruments "
						+ "where asset_class in ('stock', 'etf') and coalesce(list_status, 'L') = 'L' order by symbol",
				String.class);
		if (symbols.isEmpty()) {
			throw new IllegalStateException("The warehouse lists no A-shares or ETFs to quote; "
					+ "run 'java -jar batch.jar job=instruments' first");
		}
		List<String> requests = new ArrayList<>();
		for (int from = 0; from < symbols.size(); from += TdxClient.QUOTES_PER_CALL) {
			requests.add(String.join(",",
					symbols.subList(from, Math.min(symbols.size(), from + TdxClient.QUOTES_PER_CALL))));
		}
		return requests;
	}

	@Override
	public Fetched<RealtimeQuote> fetch(String request) {
		return this.client.quotes(List.of(request.split(",")));
	}

}
