package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.job.MarketReference;
import com.marketbase.batch.source.AdjustmentFactor;
import com.marketbase.batch.source.DailyBar;
import com.marketbase.batch.source.Fetched;
import com.marketbase.batch.source.Instrument;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.Suspension;
import com.marketbase.batch.source.TradingDay;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;

/**
 * Raw daily bars from the TDX gateway's {@code /api/kline-all?type=day}, one call per
 * instrument for its whole history. The gateway has no adjustment factors (its adjusted
 * bars are forward-adjusted prices, not factors) and no suspension list: bars are stored
 * without a factor, and a day without a bar is a hole.
 */
class TdxDailyFeed implements DailyFeed {

	private final TdxClient client;

	private final DailyDataset dataset;

	TdxDailyFeed(TdxClient client, DailyDataset dataset) {
		this.client = client;
		this.dataset = dataset;
	}

	@Override
	public SourceName source() {
		return SourceName.TDX;
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
	public boolean givesFactors() {
		return false;
	}

	@Override
	public boolean listsSuspensions() {
		return false;
	}

	@Override
	public Fetched<DailyBar> bars(DailyUnit unit) {
		if (unit.wholeDay()) {
			throw new IllegalStateException("The TDX gateway has no whole-market daily bars");
		}
		TdxCode code = (this.dataset == DailyDataset.INDEX_DAILY) ? TdxCode.index(unit.symbol())
				: TdxCode.stock(unit.symbol());
		return this.client.dailyBars(code, unit.from(), unit.to());
	}

	@Override
	public Fetched<AdjustmentFactor> factors(DailyUnit unit) {
		return Fetched.none();
	}

	@Override
	public Fetched<Suspension> suspensions(DailyUnit unit) {
		return Fetched.none();
	}

	/**
	 * The gateway knows open days up to the last one with bars; see
	 * {@link TdxClient#calendar}.
	 */
	@Override
	public List<TradingDay> calendar(LocalDate start, LocalDate end) {
		return this.client.calendar(MarketReference.A_SHARE_CALENDAR, start, end);
	}

	@Override
	public List<Instrument> shares() {
		return this.client.stocks("all").items();
	}

}
