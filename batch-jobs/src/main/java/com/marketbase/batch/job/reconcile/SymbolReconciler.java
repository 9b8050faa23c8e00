package com.marketbase.batch.job.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.marketbase.batch.job.reconcile.BarComparison.FieldDifference;
import com.marketbase.batch.warehouse.Bar;
import org.jspecify.annotations.Nullable;

/**
 * Compares one symbol's day with the source's own 5, 15, 30 and 60-minute bars, one call
 * each. Where a bar differs the source's 1-minute bars are asked for once, and they tell
 * the cause: a 1-minute bar the source now sends otherwise than we loaded it is a late
 * correction, stored once for that minute rather than for every bar it moves; an
 * aggregate of ours that does not match our own minutes was not refreshed; and an
 * aggregate of the source's that does not match its own minutes, which match ours, is the
 * source disagreeing with itself.
 */
final class SymbolReconciler {

	/** The bar lengths compared, each with a view {@code market.bars_<n>m}. */
	static final List<Integer> LENGTHS = List.of(5, 15, 30, 60);

	private final AggregateFeed feed;

	private final ReconcileStore store;

	private final LocalDate day;

	SymbolReconciler(AggregateFeed feed, ReconcileStore store, LocalDate day) {
		this.feed = feed;
		this.store = store;
		this.day = day;
	}

	/**
	 * What one symbol's comparison found.
	 *
	 * @param symbol the instrument
	 * @param found the differences and the conventions that explain others
	 * @param calls the source calls it took
	 */
	record Reconciled(String symbol, List<Discrepancy> found, int calls) {
	}

	private record Raw(int minutes, Instant end, @Nullable Bar ours, @Nullable Bar theirs,
			List<FieldDifference> differences) {
	}

	Reconciled reconcile(String symbol) {
		List<Discrepancy> found = new ArrayList<>();
		List<Raw> raw = new ArrayList<>();
		int calls = 0;
		for (int minutes : LENGTHS) {
			Map<Instant, Bar> ours = BarComparison.byEnd(this.store.ourBars(symbol, minutes, this.day));
			List<Bar> theirs = this.feed.bars(symbol, minutes, this.day);
			calls++;
			BarComparison.Reading reading = BarComparison.read(ours, theirs, minutes);
			if (reading.convention() != null) {
				found.add(new Discrepancy(symbol, check(minutes), null,
						(reading.convention() == Cause.AUCTION_FOLD) ? "auction" : "labels", null, null,
						reading.convention(), reading.detail()));
			}
			TreeSet<Instant> labels = new TreeSet<>(ours.keySet());
			labels.addAll(reading.bars().keySet());
			for (Instant end : labels) {
				Bar our = ours.get(end);
				Bar their = reading.bars().get(end);
				List<FieldDifference> differences = (our != null && their != null)
						? BarComparison.differences(our, their) : List.of();
				if (our == null || their == null || !differences.isEmpty()) {
					raw.add(new Raw(minutes, end, our, their, differences));
				}
			}
		}
		if (raw.isEmpty()) {
			return new Reconciled(symbol, found, calls);
		}
		List<Bar> ourMinutes = this.store.ourBars(symbol, 1, this.day);
		List<Bar> theirMinutes = this.feed.minutes(symbol, this.day);
		calls++;
		TreeSet<Instant> changedMinutes = new TreeSet<>();
		if (theirMinutes.isEmpty()) {
			found.add(new Discrepancy(symbol, "bars_1m", null, "bar", null, null, Cause.MISSING_BAR,
					"the source sent no 1-minute bars of the day, so the differences below are told apart "
							+ "by our own minutes only"));
		}
		else {
			changedMinutes = corrections(symbol, ourMinutes, theirMinutes, found);
		}
		for (Raw difference : raw) {
			Instant start = difference.end().minusSeconds(60L * difference.minutes());
			boolean explained = changedMinutes.stream()
				.anyMatch((m) -> m.isAfter(start) && !m.isAfter(difference.end()));
			if (!explained) {
				found.add(cause(symbol, difference, ourMinutes));
			}
		}
		return new Reconciled(symbol, found, calls);
	}

	/**
	 * Stores each 1-minute bar the source now sends otherwise than we have it.
	 * @return the minutes that differ
	 */
	private TreeSet<Instant> corrections(String symbol, List<Bar> ourMinutes, List<Bar> theirMinutes,
			List<Discrepancy> found) {
		Map<Instant, Bar> ours = BarComparison.byEnd(ourMinutes);
		Map<Instant, Bar> theirs = BarComparison.byEnd(theirMinutes);
		TreeSet<Instant> labels = new TreeSet<>(ours.keySet());
		labels.addAll(theirs.keySet());
		TreeSet<Instant> changed = new TreeSet<>();
		for (Instant end : labels) {
			Bar our = ours.get(end);
			Bar their = theirs.get(end);
			String at = BarComparison.clock(end);
			if (our == null || their == null) {
				changed.add(end);
				found.add(new Discrepancy(symbol, "bars_1m", end, "bar", null, null, Cause.MISSING_BAR,
						(our == null) ? "we have no 1-minute bar at " + at + "; the source has one"
								: "the source no longer sends the 1-minute bar at " + at + " that we loaded"));
				continue;
			}
			List<FieldDifference> differences = BarComparison.differences(our, their);
			if (!differences.isEmpty()) {
				changed.add(end);
				FieldDifference first = differences.get(0);
				found.add(new Discrepancy(symbol, "bars_1m", end, first.field(), first.ours(), first.theirs(),
						Cause.LATE_CORRECTION,
						"the source's 1-minute bar at " + at + " now differs from the one we loaded ("
								+ BarComparison.describe(differences)
								+ ", ours against the source's), so every bar that holds it differs too; "
								+ "load the day's minutes again"));
			}
		}
		return changed;
	}

	private Discrepancy cause(String symbol, Raw difference, List<Bar> ourMinutes) {
		String check = check(difference.minutes());
		String what = difference.minutes() + "-minute bar at " + BarComparison.clock(difference.end());
		Bar own = BarComparison.aggregate(symbol, difference.end(), difference.minutes(), ourMinutes);
		if (difference.theirs() == null) {
			return new Discrepancy(symbol, check, difference.end(), "bar", null, null, Cause.MISSING_BAR,
					"the source sends no " + what + "; we have one");
		}
		if (difference.ours() == null) {
			return (own == null)
					? new Discrepancy(symbol, check, difference.end(), "bar", null, null, Cause.MISSING_BAR,
							"we have no " + what + " and no 1-minute bars within it; the source has it")
					: new Discrepancy(symbol, check, difference.end(), "bar", null, null, Cause.STALE_AGGREGATE,
							"we have no " + what + " although our 1-minute bars within it are loaded: "
									+ "the aggregate was not refreshed");
		}
		FieldDifference first = difference.differences().get(0);
		String values = BarComparison.describe(difference.differences()) + ", ours against the source's";
		if (own == null || !BarComparison.differences(difference.ours(), own).isEmpty()) {
			return new Discrepancy(symbol, check, difference.end(), first.field(), first.ours(), first.theirs(),
					Cause.STALE_AGGREGATE, "our " + what + " does not match our own 1-minute bars (" + values
							+ "): the aggregate was not refreshed after they changed");
		}
		return new Discrepancy(symbol, check, difference.end(), first.field(), first.ours(), first.theirs(),
				Cause.SOURCE_DISAGREEMENT, "the source's own " + what + " disagrees with its 1-minute bars, which "
						+ "match ours (" + values + ")");
	}

	static String check(int minutes) {
		return "bars_" + minutes + "m";
	}

}
