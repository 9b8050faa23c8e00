package com.marketbase.batch.job.moneyflow;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.MoneyFlow;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Money flows from Tushare's {@code moneyflow}: a whole day of the market in one call
 * (6,000 rows a call, paged past that), one stock's range in one windowed call. A
 * suspended stock has no row that day.
 */
class TushareMoneyflowFeed implements DatasetFeed<MoneyFlow> {

	private final TushareClient client;

	private final ReferenceFeed reference;

	TushareMoneyflowFeed(TushareClient client, ReferenceFeed reference) {
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
		return true;
	}

	@Override
	public int callsPerDay(int instruments) {
		return 1 + instruments / 6000;
	}

	@Override
	public int callsPerRange() {
		return 1;
	}

	@Override
	public FetchedRows<MoneyFlow> fetch(Fetch fetch, int openDays) {
		Fetched<MoneyFlow> rows = fetch.wholeDay() ? this.client.moneyflowOfMarket(fetch.from())
				: this.client.moneyflow(fetch.symbol(), fetch.from(), fetch.to());
		return FetchedRows.of(fetch, rows.items(), Set.of(), rows.rejected());
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
