package com.marketbase.batch.job.futmapping;

import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareDatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.MainContractDay;

/**
 * Main-contract mappings from Tushare's {@code fut_mapping}: a whole day of every code in
 * one call (2,000 rows a call), one code's range in one windowed call.
 */
class TushareMappingFeed extends TushareDatasetFeed<MainContractDay> {

	TushareMappingFeed(TushareClient client, ReferenceFeed reference) {
		super(client, reference);
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
		Fetched<MainContractDay> rows = fetch.wholeDay() ? client().mainContractsOfDay(fetch.from())
				: client().mainContracts(fetch.symbol(), fetch.from(), fetch.to());
		return FetchedRows.of(fetch, rows.items(), Set.of(), rows.rejected());
	}

}
