package com.marketbase.batch.job.indexminute;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.Units;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.BarRollup;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Index minute bars from one source, an index's range of days a fetch. A day is complete
 * with its 240 session bars; fewer (today before the close, a source with holes) leave it
 * partial with the count, so a later run loads it again. Bars that cannot be true or end
 * outside the session are rejected with their reason.
 */
class IndexMinuteFeed implements DatasetFeed<IndexMinute> {

	/** How one source answers an index's days. */
	interface Source {

		Fetched<Bar> bars(String symbol, LocalDate from, LocalDate to);

	}

	private final String key;

	private final String displayName;

	private final String endpoint;

	private final Source source;

	private final ReferenceFeed reference;

	/**
	 * A feed.
	 * @param key the source's key
	 * @param displayName the source for people
	 * @param endpoint the source's endpoint, for rejected rows
	 * @param source how it answers
	 * @param reference the calendar
	 */
	IndexMinuteFeed(String key, String displayName, String endpoint, Source source, ReferenceFeed reference) {
		this.key = key;
		this.displayName = displayName;
		this.endpoint = endpoint;
		this.source = source;
		this.reference = reference;
	}

	@Override
	public String source() {
		return this.key;
	}

	@Override
	public String displayName() {
		return this.displayName;
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

	/**
	 * A month of an index is 5,000 bars: a chunk stays small and a call stays under its
	 * row cap.
	 */
	@Override
	public int daysPerFetch() {
		return 20;
	}

	@Override
	public FetchedRows<IndexMinute> fetch(Fetch fetch, int openDays) {
		String symbol = fetch.symbol();
		if (symbol == null) {
			throw new IllegalStateException("Index minute bars are fetched one index at a time, not " + fetch);
		}
		Fetched<Bar> fetched = this.source.bars(symbol, fetch.from(), fetch.to());
		List<RejectedRow> rejected = new ArrayList<>(fetched.rejected());
		List<Bar> kept = new ArrayList<>(fetched.items().size());
		Map<LocalDate, Integer> perDay = new HashMap<>();
		Set<java.time.Instant> ends = new java.util.HashSet<>();
		for (Bar bar : fetched.items()) {
			String reason = rejection(symbol, bar);
			if (reason == null && !ends.add(bar.end())) {
				reason = "a second bar ending " + bar.end().atZone(Units.BEIJING).toLocalDateTime();
			}
			if (reason != null) {
				// The payload names the bar's Beijing day in quotes, so that the
				// rejection
				// counts against that day's unit and no other.
				rejected.add(new RejectedRow(this.key, this.endpoint, bar.symbol(), reason, "{\"trade_time\":\""
						+ bar.end().atZone(Units.BEIJING).toLocalDateTime() + "\",\"bar\":\"" + bar + "\"}"));
				continue;
			}
			kept.add(bar);
			perDay.merge(day(bar), 1, Integer::sum);
		}
		List<IndexMinute> rows = new ArrayList<>(kept.size());
		for (Bar bar : kept) {
			rows.add(new IndexMinute(bar, perDay.get(day(bar))));
		}
		return FetchedRows.of(fetch, rows, Set.of(), rejected);
	}

	@Override
	public Verdict judge(IndexMinute row) {
		return (row.barsOfDay() >= BarRollup.FULL_DAY) ? Verdict.COMPLETE : Verdict
			.partial((BarRollup.FULL_DAY - row.barsOfDay()) + " of " + BarRollup.FULL_DAY + " bars missing");
	}

	@Override
	public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		return this.reference.calendar(exchange, start, end).items();
	}

	@Override
	public List<Listing> instruments() {
		return this.reference.sharesAndFunds();
	}

	private static String rejection(String symbol, Bar bar) {
		if (!bar.symbol().equals(symbol)) {
			return "bar of " + bar.symbol() + " in the answer for " + symbol;
		}
		LocalTime end = bar.end().atZone(Units.BEIJING).toLocalTime();
		if (!BarRollup.isSessionMinute(end)) {
			return "bar ending " + end + " is outside trading hours";
		}
		return bar.implausibility();
	}

	private static LocalDate day(Bar bar) {
		return bar.end().atZone(Units.BEIJING).toLocalDate();
	}

}
