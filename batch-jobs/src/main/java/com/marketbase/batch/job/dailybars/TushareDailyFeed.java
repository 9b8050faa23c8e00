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
import com.marketbase.batch.source.tushare.TushareClient;

/**
 * Daily bars from Tushare Pro: {@code daily} and {@code adj_factor} for A-shares,
 * {@code index_daily} for indexes, {@code fund_daily} for ETFs, {@code suspend_d} for
 * suspended days. {@code daily}, {@code adj_factor} and {@code fund_daily} answer a whole
 * day when called with only {@code trade_date}; {@code index_daily} needs a code.
 */
class TushareDailyFeed implements DailyFeed {

	private static final int DAILY_CAP = 6000;

	private static final int FACTOR_CAP = 2000;

	private final TushareClient client;

	private final DailyDataset dataset;

	TushareDailyFeed(TushareClient client, DailyDataset dataset) {
		this.client = client;
		this.dataset = dataset;
	}

	@Override
	public SourceName source() {
		return SourceName.TUSHARE;
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
	public boolean givesFactors() {
		return this.dataset.adjusted();
	}

	@Override
	public boolean listsSuspensions() {
		return this.dataset.suspends();
	}

	@Override
	public Fetched<DailyBar> bars(DailyUnit unit) {
		if (unit.wholeDay()) {
			return (this.dataset == DailyDataset.ETF_DAILY) ? this.client.fundDailyOfMarket(unit.from())
					: this.client.dailyOfMarket(unit.from());
		}
		return switch (this.dataset) {
			case DAILY -> this.client.daily(unit.symbol(), unit.from(), unit.to());
			case INDEX_DAILY -> this.client.indexDaily(unit.symbol(), unit.from(), unit.to());
			case ETF_DAILY -> this.client.fundDaily(unit.symbol(), unit.from(), unit.to());
		};
	}

	@Override
	public Fetched<AdjustmentFactor> factors(DailyUnit unit) {
		if (!givesFactors()) {
			return Fetched.none();
		}
		return unit.wholeDay() ? this.client.adjustmentFactorsOfMarket(unit.from())
				: this.client.adjustmentFactors(unit.symbol(), unit.from(), unit.to());
	}

	@Override
	public Fetched<Suspension> suspensions(DailyUnit unit) {
		return listsSuspensions() ? this.client.suspensions(unit.symbol(), unit.from(), unit.to()) : Fetched.none();
	}

	@Override
	public List<TradingDay> calendar(LocalDate start, LocalDate end) {
		return this.client.tradeCalendar(MarketReference.A_SHARE_CALENDAR, start, end).items();
	}

	@Override
	public List<Instrument> shares() {
		return this.client.stocks("L").items();
	}

}
