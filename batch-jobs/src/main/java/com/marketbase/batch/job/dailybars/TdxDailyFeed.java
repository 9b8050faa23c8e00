package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.marketbase.batch.source.RateLimitedException;
import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.SourceException;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Raw daily bars from the TDX gateway's {@code /api/kline-all?type=day} (indexes:
 * {@code /api/index/all}), one call per instrument for its whole history. When that call
 * fails or comes back without some open day, the day is asked of the per-code endpoints
 * instead, and its unit says so. The gateway has no adjustment factors (its adjusted bars
 * are forward-adjusted prices, not factors) and no suspension list: bars are stored
 * without a factor, and a day without a bar is a hole.
 */
class TdxDailyFeed implements DatasetFeed<DailyRow> {

	/** How a unit's reason starts when its bar came from the per-code endpoints. */
	static final String FALLBACK = "per-code fallback: ";

	/** The A-share calendar the gateway's open days are read on. */
	private static final String EXCHANGE = "SSE";

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
		boolean index = this.dataset == DailyDataset.INDEX_DAILY;
		TdxCode code = index ? TdxCode.index(fetch.symbol()) : TdxCode.stock(fetch.symbol());
		String bulk = index ? "/api/index/all" : "/api/kline-all";
		Fetched<DailyBar> bars;
		String why;
		try {
			bars = index ? this.client.indexDailyBars(code, fetch.from(), fetch.to())
					: this.client.dailyBars(code, fetch.from(), fetch.to());
			why = bulk + " came back without them";
		}
		catch (RateLimitedException ex) {
			// Calling more endpoints would only spend more of the quota.
			throw ex;
		}
		catch (SourceException ex) {
			bars = Fetched.none();
			why = bulk + " failed: " + ex.getMessage();
		}
		List<DailyRow> rows = new ArrayList<>();
		bars.items().forEach((bar) -> rows.add(new DailyRow(bar, null)));
		List<RejectedRow> rejected = new ArrayList<>(bars.rejected());
		if (bars.items().size() < openDays) {
			fallBack(code, index, fetch, bars, FALLBACK + (index ? "/api/index" : "1-minute bars") + ", as " + why,
					rows, rejected);
		}
		return FetchedRows.of(fetch, rows, Set.of(), rejected);
	}

	/**
	 * The per-code endpoints for the open days the bulk call did not give: an index's
	 * recent days from {@code /api/index}, a stock's or ETF's day from its 1-minute bars.
	 */
	private void fallBack(TdxCode code, boolean index, Fetch fetch, Fetched<DailyBar> bulk, String note,
			List<DailyRow> rows, List<RejectedRow> rejected) {
		Set<LocalDate> have = new HashSet<>();
		bulk.items().forEach((bar) -> have.add(bar.tradeDate()));
		List<LocalDate> lacking = calendar(EXCHANGE, fetch.from(), fetch.to()).stream()
			.filter((day) -> day.open() && !have.contains(day.date()))
			.map(TradingDay::date)
			.toList();
		if (lacking.isEmpty()) {
			return;
		}
		if (index) {
			Fetched<DailyBar> recent = this.client.recentIndexDays(code, lacking.get(0),
					lacking.get(lacking.size() - 1));
			recent.items()
				.stream()
				.filter((bar) -> lacking.contains(bar.tradeDate()))
				.forEach((bar) -> rows.add(new DailyRow(bar, null, note)));
			rejected.addAll(recent.rejected());
			return;
		}
		// One call gives the last three days or so; older days stay holes for healing.
		Fetched<DailyBar> built = this.client.daysFromMinutes(code);
		built.items()
			.stream()
			.filter((bar) -> lacking.contains(bar.tradeDate()))
			.forEach((bar) -> rows.add(new DailyRow(bar, null, note)));
		rejected.addAll(built.rejected());
	}

	@Override
	public Verdict judge(DailyRow row) {
		String note = this.dataset.adjusted() ? displayName() + " gives no adjustment factors" : null;
		if (row.fallback() != null) {
			note = (note != null) ? note + "; " + row.fallback() : row.fallback();
		}
		return (note != null) ? Verdict.complete(note) : Verdict.COMPLETE;
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
