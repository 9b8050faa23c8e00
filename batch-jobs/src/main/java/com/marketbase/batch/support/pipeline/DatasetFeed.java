package com.marketbase.batch.support.pipeline;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.support.units.SymbolDay;
import java.util.Map;

import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Where one dataset's rows come from for one launch: a source, seen as whole days or one
 * instrument's range of days.
 *
 * @param <R> the dataset's row
 */
public interface DatasetFeed<R> {

	/**
	 * The source's key, stored with every row and unit.
	 * @return for example {@code tushare} or {@code sandbox}
	 */
	String source();

	/**
	 * The source for people.
	 * @return for example {@code Tushare Pro}
	 */
	String displayName();

	/**
	 * Whether one call (or a few pages) gives a day of every instrument.
	 * @return false where the source needs a call per instrument
	 */
	boolean wholeDays();

	/**
	 * Source calls a whole day costs, for the backfill budget.
	 * @param instruments how many instruments the dataset has
	 * @return the estimated calls
	 */
	int callsPerDay(int instruments);

	/**
	 * Source calls one instrument's range costs, for the backfill budget.
	 * @return the estimated calls
	 */
	int callsPerRange();

	/**
	 * The most missing days of one instrument a single fetch covers. A source answering
	 * an instrument's whole range in one call takes them all; one that costs a call per
	 * day (tick trades, say) fetches a day at a time, so that a chunk holds one day's
	 * rows and a restart resumes at the next day.
	 * @return the days per fetch, unbounded by default
	 */
	default int daysPerFetch() {
		return Integer.MAX_VALUE;
	}

	/**
	 * Reads one fetch. Rows the source sent impossible come back rejected with their
	 * reasons; a source that cannot be read for now throws a {@link FetchFailure}.
	 * @param fetch the fetch
	 * @param openDays the open days of the fetch's range, so that a feed can tell whether
	 * some day came back without a row
	 * @return the rows
	 */
	FetchedRows<R> fetch(Fetch fetch, int openDays);

	/**
	 * The outcome of a unit whose row came.
	 * @param row the row
	 * @return complete, or partial with the reason
	 */
	default Verdict judge(R row) {
		return Verdict.COMPLETE;
	}

	/**
	 * A calendar, for a warehouse that does not know the launch's days yet.
	 * @param exchange the dataset's calendar
	 * @param start the first day
	 * @param end the last day
	 * @return every day of the window, open or not
	 */
	List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end);

	/**
	 * The instruments a warehouse without any needs first (the listed A-shares and the
	 * exchange-traded funds), for datasets that bootstrap them.
	 * @return the listings
	 */
	List<Listing> instruments();

	/**
	 * The latest announcement day of each unit's data, for a source that keeps a
	 * disclosure calendar: an incremental run of a dataset that follows them
	 * ({@link Dataset#followsAnnouncements()}) loads again the units announced since
	 * their last complete load, and asks nothing of the others.
	 * @param days the unit days an incremental run looks at
	 * @return the announced units with their days, or {@code null} where the source keeps
	 * no such calendar (the default)
	 */
	default @Nullable Map<SymbolDay, LocalDate> announcements(List<LocalDate> days) {
		return null;
	}

	/**
	 * How a unit with a row ends.
	 *
	 * @param status {@code complete} or {@code partial}
	 * @param reason a note or what is missing, or {@code null}
	 */
	record Verdict(String status, String reason) {

		/** Complete, nothing to say. */
		public static final Verdict COMPLETE = new Verdict("complete", null);

		public static Verdict complete(String note) {
			return new Verdict("complete", note);
		}

		public static Verdict partial(String missing) {
			return new Verdict("partial", missing);
		}

	}

}
