package com.marketbase.batch.job.fundnav;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.eastmoney.EastmoneyClient;
import com.marketbase.batch.source.eastmoney.FundDay;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;
import org.jspecify.annotations.Nullable;

/**
 * NAVs from Eastmoney's {@code lsjz}, one fund's range at a time, 20 rows a page. A day
 * without a NAV inside a range whose later days have one is a day the fund published none
 * (a QDII fund on a foreign holiday, a fund in a closed period): not applicable rather
 * than missing, so that gap healing does not ask for it forever.
 */
final class EastmoneyNavFeed implements DatasetFeed<FundDay> {

	private final SourceName source;

	private final EastmoneyClient client;

	private final Supplier<@Nullable ReferenceFeed> calendars;

	EastmoneyNavFeed(SourceName source, EastmoneyClient client, Supplier<@Nullable ReferenceFeed> calendars) {
		this.source = source;
		this.client = client;
		this.calendars = calendars;
	}

	@Override
	public String source() {
		return this.source.key();
	}

	@Override
	public String displayName() {
		return this.source.displayName();
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
	public FetchedRows<FundDay> fetch(Fetch fetch, int openDays) {
		String symbol = fetch.symbol();
		String code = symbol.substring(0, symbol.indexOf('.'));
		Fetched<FundDay> days = this.client.navHistory(code, fetch.from(), fetch.to());
		LocalDate last = null;
		Set<LocalDate> dated = new HashSet<>();
		for (FundDay day : days.items()) {
			dated.add(day.date());
			last = (last == null || day.date().isAfter(last)) ? day.date() : last;
		}
		Set<SymbolDay> none = new HashSet<>();
		if (last != null) {
			for (LocalDate day = fetch.from(); day.isBefore(last); day = day.plusDays(1)) {
				if (!dated.contains(day)) {
					// Closed days are not units; only open ones are looked up.
					none.add(new SymbolDay(symbol, day));
				}
			}
		}
		return FetchedRows.of(fetch, days.items(), none, days.rejected());
	}

	@Override
	public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		ReferenceFeed reference = this.calendars.get();
		if (reference == null) {
			throw new IllegalStateException("Eastmoney publishes no trading calendar and the warehouse lacks "
					+ exchange + " days between " + start + " and " + end + "; run job=calendar first.");
		}
		return reference.calendar(exchange, start, end).items();
	}

	@Override
	public List<Listing> instruments() {
		return List.of();
	}

}
