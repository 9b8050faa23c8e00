package com.marketbase.batch.job.reconcile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.marketbase.batch.job.reconcile.BarComparison.FieldDifference;
import com.marketbase.batch.job.reconcile.ReconcileStore.DailyRow;
import com.marketbase.batch.warehouse.Bar;

/**
 * Compares each daily bar of a day with its minutes and tells why they disagree: too few
 * minutes loaded; two sources' closes; or, where the daily bar came from the source
 * compared with, the source's daily bar asked for again (one call): changed since we
 * loaded it, a late correction, or as we have it, the source's daily bar and its minutes
 * disagreeing. At most {@code maxCalls} symbols are asked again; the rest say so.
 */
final class DailyReconciler {

	private final AggregateFeed feed;

	private final String source;

	private final int maxCalls;

	private int calls;

	DailyReconciler(AggregateFeed feed, String source, int maxCalls) {
		this.feed = feed;
		this.source = source;
		this.maxCalls = maxCalls;
	}

	/**
	 * The source calls made so far.
	 * @return the count
	 */
	int calls() {
		return this.calls;
	}

	List<Discrepancy> reconcile(List<DailyRow> rows, LocalDate day) {
		int expected = rows.stream().mapToInt(DailyRow::bars).max().orElse(0);
		List<Discrepancy> found = new ArrayList<>();
		for (DailyRow row : rows) {
			Bar daily = row.daily();
			List<FieldDifference> differences = BarComparison.differences(daily, row.minutes());
			if (differences.isEmpty()) {
				continue;
			}
			String symbol = daily.symbol();
			String values = BarComparison.describe(differences) + ", the daily bar's against the minutes'";
			FieldDifference first = differences.get(0);
			if (row.bars() < expected) {
				found.add(new Discrepancy(symbol, "daily_vs_minutes", null, first.field(), first.ours(), first.theirs(),
						Cause.INCOMPLETE_MINUTES, "only " + row.bars() + " of the day's " + expected
								+ " minute bars are loaded (" + values + "); the gaps report shows which"));
				continue;
			}
			if (!row.dailySource().equals(row.minuteSource())) {
				found.addAll(acrossSources(row, differences));
				continue;
			}
			found.add(sameSource(row, day, first, values));
		}
		return found;
	}

	private List<Discrepancy> acrossSources(DailyRow row, List<FieldDifference> differences) {
		List<Discrepancy> found = new ArrayList<>();
		String symbol = row.daily().symbol();
		List<FieldDifference> rest = new ArrayList<>();
		for (FieldDifference difference : differences) {
			if (difference.field().equals("close")) {
				found.add(new Discrepancy(symbol, "cross_source_close", null, "close", difference.ours(),
						difference.theirs(), Cause.SOURCE_DISAGREEMENT,
						row.dailySource() + "'s daily close " + plain(difference.ours()) + " against "
								+ row.minuteSource() + "'s last minute close " + plain(difference.theirs())));
			}
			else {
				rest.add(difference);
			}
		}
		if (!rest.isEmpty()) {
			found.add(new Discrepancy(symbol, "daily_vs_minutes", null, rest.get(0).field(), rest.get(0).ours(),
					rest.get(0).theirs(), Cause.SOURCE_DISAGREEMENT,
					row.dailySource() + "'s daily bar and " + row.minuteSource() + "'s minute bars disagree ("
							+ BarComparison.describe(rest) + ", the daily bar's against the minutes')"));
		}
		return found;
	}

	private Discrepancy sameSource(DailyRow row, LocalDate day, FieldDifference first, String values) {
		String symbol = row.daily().symbol();
		if (!row.dailySource().equals(this.source)) {
			return new Discrepancy(symbol, "daily_vs_minutes", null, first.field(), first.ours(), first.theirs(),
					Cause.SOURCE_DISAGREEMENT, "the daily bar and the minute bars from " + row.dailySource()
							+ " disagree (" + values + "); compare with " + row.dailySource() + " to tell more");
		}
		if (this.calls >= this.maxCalls) {
			return new Discrepancy(symbol, "daily_vs_minutes", null, first.field(), first.ours(), first.theirs(),
					Cause.SOURCE_DISAGREEMENT, "the daily bar and the minute bars disagree (" + values
							+ "); the source was not asked again, past this run's " + this.maxCalls + " daily calls");
		}
		this.calls++;
		Bar now;
		try {
			now = this.feed.daily(symbol, row.etf(), day);
		}
		catch (RuntimeException ex) {
			// One answer that does not come is no reason to lose the day's comparison.
			String why = (ex.getMessage() != null) ? ex.getMessage().lines().findFirst().orElse("") : "";
			return new Discrepancy(symbol, "daily_vs_minutes", null, first.field(), first.ours(), first.theirs(),
					Cause.SOURCE_DISAGREEMENT,
					"the daily bar and the minute bars disagree (" + values + "); the source could not be asked again: "
							+ ((why.length() > 200) ? why.substring(0, 200) + "..." : why));
		}
		if (now == null) {
			return new Discrepancy(symbol, "daily_vs_minutes", null, "bar", null, null, Cause.MISSING_BAR,
					"the source no longer sends the daily bar we loaded, which disagrees with its minutes (" + values
							+ ")");
		}
		List<FieldDifference> changed = BarComparison.differences(row.daily(), now);
		if (!changed.isEmpty()) {
			FieldDifference shown = changed.get(0);
			return new Discrepancy(symbol, "daily_vs_minutes", null, shown.field(), shown.ours(), shown.theirs(),
					Cause.LATE_CORRECTION,
					"the source's daily bar now differs from the one we loaded (" + BarComparison.describe(changed)
							+ ", ours against the source's), and ours disagrees with the minutes (" + values
							+ "); load the day's daily bars again");
		}
		return new Discrepancy(symbol, "daily_vs_minutes", null, first.field(), first.ours(), first.theirs(),
				Cause.SOURCE_DISAGREEMENT,
				"the source's daily bar, asked again, is as we have it and disagrees with its minute bars (" + values
						+ ")");
	}

	private static String plain(java.math.BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

}
