package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
	 * The gateway knows open days only; every other day of the window is closed.
	 */
	@Override
	public List<TradingDay> calendar(LocalDate start, LocalDate end) {
		Set<LocalDate> open = new HashSet<>(this.client.tradingDays(start, end));
		List<TradingDay> days = new ArrayList<>();
		LocalDate previousOpen = null;
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			days.add(new TradingDay(MarketReference.A_SHARE_CALENDAR, day, open.contains(day), previousOpen));
			if (open.contains(day)) {
				previousOpen = day;
			}
		}
		return days;
	}

	@Override
	public List<Instrument> shares() {
		return this.client.stocks("all").items();
	}

}
