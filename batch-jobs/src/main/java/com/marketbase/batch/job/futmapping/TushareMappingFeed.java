package com.marketbase.batch.job.futmapping;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.MainContractDay;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Main-contract mappings from Tushare's {@code fut_mapping}: a whole day of every code in
 * one call (2,000 rows a call), one code's range in one windowed call.
 */
class TushareMappingFeed implements DatasetFeed<MainContractDay> {

	private final TushareClient client;

	private final ReferenceFeed reference;

	TushareMappingFeed(TushareClient client, ReferenceFeed reference) {
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
	public FetchedRows<MainContractDay> fetch(Fetch fetch, int openDays) {
		Fetched<MainContractDay> rows = fetch.wholeDay() ? this.client.mainContractsOfDay(fetch.from())
				: this.client.mainContracts(fetch.symbol(), fetch.from(), fetch.to());
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
