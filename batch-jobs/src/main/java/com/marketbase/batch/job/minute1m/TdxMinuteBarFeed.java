package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.job.MarketReference;
import com.marketbase.batch.source.Bar;
import com.marketbase.batch.source.Instrument;
import com.marketbase.batch.source.TradingDay;
import com.marketbase.batch.source.Fetched;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;

/**
 * 1-minute bars from the TDX gateway's {@code /api/kline-all}, which answers with
 * everything it has for a code; a unit therefore covers many days with one call.
 */
class TdxMinuteBarFeed implements MinuteBarFeed {

	private final TdxClient client;

	TdxMinuteBarFeed(TdxClient client) {
		this.client = client;
	}

	@Override
	public SourceName source() {
		return SourceName.TDX;
	}

	@Override
	public int daysPerUnit() {
		return 30;
	}

	@Override
	public Fetched<Bar> bars(MinuteUnit unit) {
		return this.client.allBars(TdxCode.stock(unit.symbol()), "minute1", unit.first(), unit.last());
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
