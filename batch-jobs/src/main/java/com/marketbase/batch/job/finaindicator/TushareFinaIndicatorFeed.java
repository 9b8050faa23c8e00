package com.marketbase.batch.job.finaindicator;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareDatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.FinancialPeriod;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.PeriodCalendar;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Financial indicators from Tushare's {@code fina_indicator}, which takes one stock a
 * call (the whole market by period is {@code fina_indicator_vip}, a higher tier): one
 * stock's periods in one windowed call, halved while a call comes back full (100 rows).
 * The disclosure calendar, {@code disclosure_date}, tells an incremental run which stocks
 * announced something.
 */
class TushareFinaIndicatorFeed extends TushareDatasetFeed<FinancialPeriod> {

	TushareFinaIndicatorFeed(TushareClient client, ReferenceFeed reference) {
		super(client, reference);
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
	public FetchedRows<FinancialPeriod> fetch(Fetch fetch, int openDays) {
		Fetched<FinancialPeriod> rows = client().financialIndicators(fetch.symbol(), fetch.from(), fetch.to());
		return FetchedRows.of(fetch, rows.items(), Set.of(), rows.rejected());
	}

	@Override
	public Verdict judge(FinancialPeriod row) {
		return row.versions()
			.stream()
			.map((version) -> version.qualityNote())
			.filter((note) -> note != null)
			.findFirst()
			.map(Verdict::complete)
			.orElse(Verdict.COMPLETE);
	}

	@Override
	public Map<SymbolDay, LocalDate> announcements(List<LocalDate> days) {
		Map<SymbolDay, LocalDate> announced = new HashMap<>();
		for (LocalDate period : days) {
			client().disclosures(period).forEach((symbol, day) -> announced.put(new SymbolDay(symbol, period), day));
		}
		return announced;
	}

	@Override
	public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		return PeriodCalendar.days(exchange, start, end);
	}

	@Override
	public List<Listing> instruments() {
		return sharesAndFunds();
	}

}
