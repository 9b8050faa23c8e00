package com.marketbase.batch.job.dailybars;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.AdjustmentFactor;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.warehouse.Suspension;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Daily bars from Tushare Pro (or the sandbox speaking its protocol): {@code daily} and
 * {@code adj_factor} for A-shares, {@code index_daily} for indexes, {@code fund_daily}
 * for ETFs, {@code suspend_d} for suspended days. {@code daily}, {@code adj_factor} and
 * {@code fund_daily} answer a whole day when called with only {@code trade_date};
 * {@code index_daily} needs a code.
 */
class TushareDailyFeed implements DatasetFeed<DailyRow> {

	private static final int DAILY_CAP = 6000;

	private static final int FACTOR_CAP = 2000;

	private final TushareClient client;

	private final DailyDataset dataset;

	private final ReferenceFeed reference;

	TushareDailyFeed(TushareClient client, DailyDataset dataset, ReferenceFeed reference) {
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
		return this.dataset != DailyDataset.INDEX_DAILY;
	}

	@Override
	public int callsPerDay(int instruments) {
		int pages = Math.max(1, instruments / DAILY_CAP + 1);
		if (this.dataset.adjusted()) {
			pages += Math.max(1, instruments / FACTOR_CAP + 1);
		}
		return pages + (this.dataset.suspends() ? 1 : 0);
	}

	@Override
	public int callsPerRange() {
		return this.dataset.adjusted() ? 2 : 1;
	}

	@Override
	public FetchedRows<DailyRow> fetch(Fetch fetch, int openDays) {
		Fetched<DailyBar> bars = bars(fetch);
		Fetched<AdjustmentFactor> factors = (bars.items().isEmpty() || !this.dataset.adjusted()) ? Fetched.none()
				: factors(fetch);
		// A whole day of a market always has some suspended stock; one instrument's range
		// needs the list only when some open day of it came back without a bar.
		Set<LocalDate> days = new HashSet<>();
		bars.items().forEach((bar) -> days.add(bar.tradeDate()));
		Fetched<Suspension> suspensions = (this.dataset.suspends() && (fetch.wholeDay() || days.size() < openDays))
				? this.client.suspensions(fetch.symbol(), fetch.from(), fetch.to()) : Fetched.none();
		Map<SymbolDay, BigDecimal> factorOf = new HashMap<>();
		factors.items()
			.forEach((factor) -> factorOf.put(new SymbolDay(factor.symbol(), factor.tradeDate()), factor.factor()));
		List<DailyRow> rows = bars.items()
			.stream()
			.map((bar) -> new DailyRow(bar, factorOf.get(new SymbolDay(bar.symbol(), bar.tradeDate()))))
			.toList();
		Set<SymbolDay> suspended = new HashSet<>();
		suspensions.items().forEach((day) -> suspended.add(new SymbolDay(day.symbol(), day.tradeDate())));
		List<RejectedRow> rejected = new ArrayList<>(bars.rejected());
		rejected.addAll(factors.rejected());
		rejected.addAll(suspensions.rejected());
		return FetchedRows.of(fetch, rows, suspended, rejected);
	}

	@Override
	public Verdict judge(DailyRow row) {
		return (this.dataset.adjusted() && row.factor() == null)
				? Verdict.partial("the bar came without its adjustment factor") : Verdict.COMPLETE;
	}

	private Fetched<DailyBar> bars(Fetch fetch) {
		if (fetch.wholeDay()) {
			return (this.dataset == DailyDataset.ETF_DAILY) ? this.client.fundDailyOfMarket(fetch.from())
					: this.client.dailyOfMarket(fetch.from());
		}
		return switch (this.dataset) {
			case DAILY -> this.client.daily(fetch.symbol(), fetch.from(), fetch.to());
			case INDEX_DAILY -> this.client.indexDaily(fetch.symbol(), fetch.from(), fetch.to());
			case ETF_DAILY -> this.client.fundDaily(fetch.symbol(), fetch.from(), fetch.to());
		};
	}

	private Fetched<AdjustmentFactor> factors(Fetch fetch) {
		return fetch.wholeDay() ? this.client.adjustmentFactorsOfMarket(fetch.from())
				: this.client.adjustmentFactors(fetch.symbol(), fetch.from(), fetch.to());
	}

	@Override
	public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		return this.reference.calendar(exchange, start, end).items();
	}

	@Override
	public List<Listing> instruments() {
		return this.reference.sharesAndFunds();
	}

}
