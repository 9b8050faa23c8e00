package com.marketbase.batch.job.futdaily;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareDatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.FuturesBar;

/**
 * Futures bars from Tushare's {@code fut_daily}: a whole day is one call per exchange
 * (2,000 rows a call, paged past that), one contract's range one windowed call.
 */
class TushareFuturesFeed extends TushareDatasetFeed<FuturesBar> {

	/** The exchanges {@code fut_daily} answers for, as its {@code exchange} parameter. */
	static final List<String> EXCHANGES = List.of("CFFEX", "SHFE", "DCE", "CZCE", "INE", "GFEX");

	TushareFuturesFeed(TushareClient client, ReferenceFeed reference) {
		super(client, reference);
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
				bars = bars.and(client().futuresDailyOfExchange(exchange, fetch.from()));
			}
		}
		else {
			bars = client().futuresDaily(fetch.symbol(), fetch.from(), fetch.to());
		}
		return FetchedRows.of(fetch, bars.items(), Set.of(), new ArrayList<>(bars.rejected()));
	}

}
