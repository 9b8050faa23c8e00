package com.marketbase.batch.job.futdaily;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.FuturesBar;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Futures bars from Tushare's {@code fut_daily}: a whole day is one call per exchange
 * (2,000 rows a call, paged past that), one contract's range one windowed call.
 */
class TushareFuturesFeed implements DatasetFeed<FuturesBar> {

	/** The exchanges {@code fut_daily} answers for, as its {@code exchange} parameter. */
	static final List<String> EXCHANGES = List.of("CFFEX", "SHFE", "DCE", "CZCE", "INE", "GFEX");

	private final TushareClient client;

	private final ReferenceFeed reference;

	TushareFuturesFeed(TushareClient client, ReferenceFeed reference) {
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
		return EXCHANGES.size() + instruments / 2000;
	}

	@Override
	public int callsPerRange() {
		return 1;
	}

	@Override
	public FetchedRows<FuturesBar> fetch(Fetch fetch, int openDays) {
		Fetched<FuturesBar> bars = Fetched.none();
		if (fetch.wholeDay()) {
			for (String exchange : EXCHANGES) {
				bars = bars.and(this.client.futuresDailyOfExchange(exchange, fetch.from()));
			}
		}
		else {
			bars = this.client.futuresDaily(fetch.symbol(), fetch.from(), fetch.to());
		}
		return FetchedRows.of(fetch, bars.items(), Set.of(), new ArrayList<>(bars.rejected()));
	}

	@Override
	public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		return this.reference.calendar(exchange, start, end).items();
	}

	@Override
	public List<Listing> instruments() {
		return List.of();
	}

}
