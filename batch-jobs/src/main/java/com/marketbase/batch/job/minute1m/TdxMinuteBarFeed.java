package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
