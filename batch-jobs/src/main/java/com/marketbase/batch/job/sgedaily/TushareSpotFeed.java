package com.marketbase.batch.job.sgedaily;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.SpotBar;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * SGE spot bars from Tushare's {@code sge_daily}: a whole day of every contract in one
 * call (2,000 rows a call), one contract's range in one windowed call.
 */
class TushareSpotFeed implements DatasetFeed<SpotBar> {

	private final TushareClient client;

	private final ReferenceFeed reference;

	TushareSpotFeed(TushareClient client, ReferenceFeed reference) {
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
		return 1 + instruments / 2000;
	}

	@Override
	public int callsPerRange() {
		return 1;
	}

	@Override
	public FetchedRows<SpotBar> fetch(Fetch fetch, int openDays) {
		Fetched<SpotBar> rows = fetch.wholeDay() ? this.client.spotDailyOfDay(fetch.from())
				: this.client.spotDaily(fetch.symbol(), fetch.from(), fetch.to());
		return FetchedRows.of(fetch, rows.items(), Set.of(), rows.rejected());
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
