package com.marketbase.batch.job.dailybasic;

import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareDatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.DailyValuation;
import com.marketbase.batch.warehouse.reference.Listing;

/**
 * Valuation indicators from Tushare's {@code daily_basic}: a whole day of the market in
 * one call (6,000 rows a call, paged past that), one stock's range in one windowed call.
 * A suspended stock has no row; the source lists no suspensions here, so such a day is
 * empty, as for the daily bars.
 */
class TushareDailyBasicFeed extends TushareDatasetFeed<DailyValuation> {

	TushareDailyBasicFeed(TushareClient client, ReferenceFeed reference) {
		super(client, reference);
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
	public FetchedRows<DailyValuation> fetch(Fetch fetch, int openDays) {
		Fetched<DailyValuation> rows = fetch.wholeDay() ? client().dailyBasicOfMarket(fetch.from())
				: client().dailyBasic(fetch.symbol(), fetch.from(), fetch.to());
		return FetchedRows.of(fetch, rows.items(), Set.of(), rows.rejected());
	}

	@Override
	public List<Listing> instruments() {
		return sharesAndFunds();
	}

}
