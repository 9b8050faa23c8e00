package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Raw daily bars from the TDX gateway's {@code /api/kline-all?type=day}, one call per
 * instrument for its whole history. The gateway has no adjustment factors (its adjusted
 * bars are forward-adjusted prices, not factors) and no suspension list: bars are stored
 * without a factor, and a day without a bar is a hole.
 */
class TdxDailyFeed implements DatasetFeed<DailyRow> {

	private final TdxClient client;

	private final DailyDataset dataset;

	private final ReferenceFeed reference;

	TdxDailyFeed(TdxClient client, DailyDataset dataset, ReferenceFeed reference) {
		this.client = client;
		this.dataset = dataset;
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
	public FetchedRows<DailyRow> fetch(Fetch fetch, int openDays) {
		if (fetch.wholeDay()) {
			throw new IllegalStateException("The TDX gateway has no whole-market daily bars");
		}
		TdxCode code = (this.dataset == DailyDataset.INDEX_DAILY) ? TdxCode.index(fetch.symbol())
				: TdxCode.stock(fetch.symbol());
		Fetched<DailyBar> bars = this.client.dailyBars(code, fetch.from(), fetch.to());
		return FetchedRows.of(fetch, bars.items().stream().map((bar) -> new DailyRow(bar, null)).toList(), Set.of(),
				bars.rejected());
	}

	@Override
	public Verdict judge(DailyRow row) {
		return this.dataset.adjusted() ? Verdict.complete(displayName() + " gives no adjustment factors")
				: Verdict.COMPLETE;
	}

	/**
	 * The gateway knows open days up to the last one with bars; see
	 * {@link TdxClient#calendar}.
	 */
	@Override
	public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		return this.reference.calendar(exchange, start, end).items();
	}

	@Override
	public List<Listing> instruments() {
		return this.reference.sharesAndFunds();
	}

}
