package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.job.MarketReference;
import com.marketbase.batch.source.Bar;
import com.marketbase.batch.source.Fetched;
import com.marketbase.batch.source.Instrument;
import com.marketbase.batch.source.TradingDay;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.tushare.TushareClient;

/**
 * 1-minute bars from Tushare Pro's {@code stk_mins}. One call returns at most 8,000 rows,
 * 33 days of 241 bars; a unit of 30 days stays clear of the cap (the client splits a
 * window that reaches it anyway).
 */
class TushareMinuteBarFeed implements MinuteBarFeed {

	private final TushareClient client;

	TushareMinuteBarFeed(TushareClient client) {
		this.client = client;
	}

	@Override
	public SourceName source() {
		return SourceName.TUSHARE;
	}

	@Override
	public int daysPerUnit() {
		return 30;
	}

	@Override
	public Fetched<Bar> bars(MinuteUnit unit) {
		return this.client.minuteBars(unit.symbol(), "1min", unit.first(), unit.last());
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
