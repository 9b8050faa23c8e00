package com.marketbase.batch.job.sgedaily;

import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareDatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.SpotBar;

/**
 * SGE spot bars from Tushare's {@code sge_daily}: a whole day of every contract in one
 * call (2,000 rows a call), one contract's range in one windowed call.
 */
class TushareSpotFeed extends TushareDatasetFeed<SpotBar> {

	TushareSpotFeed(TushareClient client, ReferenceFeed reference) {
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
	public FetchedRows<SpotBar> fetch(Fetch fetch, int openDays) {
		Fetched<SpotBar> rows = fetch.wholeDay() ? client().spotDailyOfDay(fetch.from())
				: client().spotDaily(fetch.symbol(), fetch.from(), fetch.to());
		return FetchedRows.of(fetch, rows.items(), Set.of(), rows.rejected());
	}

}
