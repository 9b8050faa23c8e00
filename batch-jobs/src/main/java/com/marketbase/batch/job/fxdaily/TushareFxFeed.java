package com.marketbase.batch.job.fxdaily;

import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareDatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.FxBar;

/**
 * FX bars from Tushare's {@code fx_daily}, one pair's range a call (1,000 rows a call,
 * split past that). A whole day would answer every instrument of the broker, most of them
 * not followed, so the feed reads pair by pair.
 */
class TushareFxFeed extends TushareDatasetFeed<FxBar> {

	TushareFxFeed(TushareClient client, ReferenceFeed reference) {
		super(client, reference);
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
	public FetchedRows<FxBar> fetch(Fetch fetch, int openDays) {
		Fetched<FxBar> rows = client().fxDaily(fetch.symbol(), fetch.from(), fetch.to());
		return FetchedRows.of(fetch, rows.items(), Set.of(), rows.rejected());
	}

}
