package com.marketbase.batch.job.ticktrade;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.source.tdx.TdxTrade;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Tick trades from the gateway's {@code /api/trade} with a date: every trade of one
 * code's past day (the gateway loops its 2000-trade pages itself), one call per symbol
 * and day. A fetch is one day, so a chunk holds whole days and a restart resumes at the
 * next one.
 */
class TdxTickFeed implements DatasetFeed<TickTrade> {

	private final TdxClient client;

	private final ReferenceFeed reference;

	TdxTickFeed(TdxClient client, ReferenceFeed reference) {
		this.client = client;
		this.reference = reference;
	}

	@Override
	public String source() {
		return this.client.source().key();
	}

	@Override
	public String displayName() {
		return this.client.source().displayName();
	}

	@Override
	public boolean wholeDays() {
		return false;
	}

	@Override
	public int callsPerDay(int instruments) {
		return instruments;
	}

	@Override
	public int callsPerRange() {
		return 1;
	}

	@Override
	public int daysPerFetch() {
		return 1;
	}

	@Override
	public FetchedRows<TickTrade> fetch(Fetch fetch, int openDays) {
		if (fetch.wholeDay() || !fetch.from().equals(fetch.to())) {
			throw new IllegalStateException("Tick trades are fetched one symbol and day at a time, not " + fetch);
		}
		Fetched<TdxTrade> trades = this.client.trades(TdxCode.stock(fetch.symbol()), fetch.from());
		List<TickTrade> rows = new ArrayList<>(trades.items().size());
		for (TdxTrade trade : trades.items()) {
			rows.add(new TickTrade(trade, rows.size()));
		}
		return FetchedRows.of(fetch, rows, Set.of(), trades.rejected());
	}

	@Override
	public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		return this.reference.calendar(exchange, start, end).items();
	}

	@Override
	public List<Listing> instruments() {
		return this.reference.sharesAndFunds();
	}

}
