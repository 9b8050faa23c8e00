package com.marketbase.batch.job.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.marketbase.batch.source.Units;
import com.marketbase.batch.warehouse.Bar;
import org.jspecify.annotations.Nullable;

/**
 * How two sets of bars of the same symbol and day are compared: field by field within the
 * sources' rounding, and, before that, in which layout the other side's bars are read. A
 * source may send the opening auction as a bar of its own labelled 09:30 (Tushare's
 * 1-minute layout) or label its bars by their start; each reading is tried, and one that
 * makes more bars agree than reading them as they come is taken as the source's
 * convention.
 */
final class BarComparison {

	/** Half the smallest price step: prices come with three decimals at most. */
	private static final BigDecimal PRICE_TOLERANCE = new BigDecimal("0.0005");

	/** One lot: a source counting in lots rounds to it. */
	private static final long VOLUME_TOLERANCE = 100;

	/** A yuan, or a hundred-thousandth of the value when that is more. */
	private static final BigDecimal AMOUNT_TOLERANCE = BigDecimal.ONE;

	private static final LocalTime AUCTION_BAR = LocalTime.of(9, 30);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

	private BarComparison() {
	}

	/**
	 * A field on which two bars differ.
	 *
	 * @param field open, high, low, close, volume or amount
	 * @param ours our value
	 * @param theirs the other value
	 */
	record FieldDifference(String field, BigDecimal ours, BigDecimal theirs) {
	}

	/**
	 * The other side's bars in our layout.
	 *
	 * @param bars the bars by our label
	 * @param convention the convention they were read with, or {@code null} for as they
	 * came
	 * @param detail the convention in words, empty without one
	 */
	record Reading(Map<Instant, Bar> bars, @Nullable Cause convention, String detail) {
	}

	/**
	 * The fields on which two bars differ beyond the sources' rounding, in the order
	 * close (the price most read, and the one a correction moves), open, high, low,
	 * volume, amount.
	 * @param ours our bar
	 * @param theirs the other bar
	 * @return the differences, empty when the bars agree
	 */
	static List<FieldDifference> differences(Bar ours, Bar theirs) {
		List<FieldDifference> found = new ArrayList<>();
		price(found, "close", ours.close(), theirs.close());
		price(found, "open", ours.open(), theirs.open());
		price(found, "high", ours.high(), theirs.high());
		price(found, "low", ours.low(), theirs.low());
		if (Math.abs(ours.volume() - theirs.volume()) >= VOLUME_TOLERANCE) {
			found.add(new FieldDifference("volume", BigDecimal.valueOf(ours.volume()),
					BigDecimal.valueOf(theirs.volume())));
		}
		BigDecimal allowed = AMOUNT_TOLERANCE.max(ours.amount().abs().movePointLeft(5));
		if (ours.amount().subtract(theirs.amount()).abs().compareTo(allowed) > 0) {
			found.add(new FieldDifference("amount", ours.amount(), theirs.amount()));
		}
		return found;
	}

	private static void price(List<FieldDifference> found, String field, BigDecimal ours, BigDecimal theirs) {
		if (ours.subtract(theirs).abs().compareTo(PRICE_TOLERANCE) > 0) {
			found.add(new FieldDifference(field, ours, theirs));
		}
	}

	/**
	 * The differences in words: {@code close 10.05 against 10.06, volume ...}, ours
	 * first.
	 * @param differences the differences
	 * @return the words
	 */
	static String describe(List<FieldDifference> differences) {
		List<String> parts = new ArrayList<>();
		for (FieldDifference difference : differences) {
			parts.add(difference.field() + " " + difference.ours().stripTrailingZeros().toPlainString() + " against "
					+ difference.theirs().stripTrailingZeros().toPlainString());
		}
		return String.join(", ", parts);
	}

	/**
	 * Reads the other side's bars of a length in our layout: as they come, with a 09:30
	 * auction bar folded into the bar after it, or with labels moved from the bar's start
	 * to its end; the reading under which most bars agree with ours and, of those, whose
	 * labels are most nearly ours (a bar that differs for another reason leaves the count
	 * of agreeing bars tied); as they come when none does better.
	 * @param ours our bars by label
	 * @param theirs the other side's bars, oldest first
	 * @param minutes the bars' length
	 * @return the reading
	 */
	static Reading read(Map<Instant, Bar> ours, List<Bar> theirs, int minutes) {
		List<Reading> readings = new ArrayList<>();
		readings.add(new Reading(byEnd(theirs), null, ""));
		List<Bar> folded = foldAuction(theirs);
		if (folded != null) {
			readings.add(new Reading(byEnd(folded), Cause.AUCTION_FOLD,
					"the source sends the opening auction as a bar of its own labelled 09:30; compared folded into "
							+ "its first " + minutes + "-minute bar, as we store it"));
		}
		if (!theirs.isEmpty()) {
			List<Bar> moved = theirs.stream()
				.map((bar) -> relabel(bar, bar.end().plus(minutes, ChronoUnit.MINUTES)))
				.toList();
			readings.add(new Reading(byEnd(moved), Cause.LABEL_CONVENTION,
					"the source labels its " + minutes + "-minute bars by their start (" + clocks(theirs)
							+ "), we by their end; compared with its labels moved by " + minutes + " minutes"));
		}
		Reading best = readings.get(0);
		long bestScore = score(ours, best.bars());
		for (Reading reading : readings.subList(1, readings.size())) {
			long score = score(ours, reading.bars());
			// A convention is taken only from bars it makes agree, never from labels
			// alone.
			if (score > bestScore && agreeing(ours, reading.bars()) > 0) {
				best = reading;
				bestScore = score;
			}
		}
		return best;
	}

	/** Bars that agree first, then labels shared less labels of one side only. */
	private static long score(Map<Instant, Bar> ours, Map<Instant, Bar> theirs) {
		long shared = theirs.keySet().stream().filter(ours::containsKey).count();
		long unshared = theirs.size() - shared + ours.size() - shared;
		return agreeing(ours, theirs) * 10_000L + shared - unshared;
	}

	/**
	 * The bar of some 1-minute bars ending within {@code (end - minutes, end]}.
	 * @param symbol the instrument
	 * @param end the label
	 * @param minutes the length
	 * @param oneMinute the 1-minute bars, oldest first
	 * @return the bar, or {@code null} when none falls within
	 */
	static @Nullable Bar aggregate(String symbol, Instant end, int minutes, List<Bar> oneMinute) {
		List<Bar> within = window(oneMinute, end, minutes);
		if (within.isEmpty()) {
			return null;
		}
		BigDecimal high = within.get(0).high();
		BigDecimal low = within.get(0).low();
		long volume = 0;
		BigDecimal amount = BigDecimal.ZERO;
		for (Bar bar : within) {
			high = high.max(bar.high());
			low = low.min(bar.low());
			volume += bar.volume();
			amount = amount.add(bar.amount());
		}
		return new Bar(symbol, end, within.get(0).open(), high, low, within.get(within.size() - 1).close(), volume,
				amount);
	}

	/**
	 * The 1-minute bars ending within {@code (end - minutes, end]}.
	 * @param oneMinute the bars, oldest first
	 * @param end the label
	 * @param minutes the length
	 * @return the bars, oldest first
	 */
	static List<Bar> window(List<Bar> oneMinute, Instant end, int minutes) {
		Instant start = end.minus(minutes, ChronoUnit.MINUTES);
		return oneMinute.stream().filter((bar) -> bar.end().isAfter(start) && !bar.end().isAfter(end)).toList();
	}

	/**
	 * A label as Beijing wall-clock time.
	 * @param end the label
	 * @return for example {@code 10:35}
	 */
	static String clock(Instant end) {
		return CLOCK.format(end.atZone(Units.BEIJING));
	}

	static Map<Instant, Bar> byEnd(List<Bar> bars) {
		Map<Instant, Bar> map = new TreeMap<>();
		for (Bar bar : bars) {
			map.put(bar.end(), bar);
		}
		return map;
	}

	private static int agreeing(Map<Instant, Bar> ours, Map<Instant, Bar> theirs) {
		int agreeing = 0;
		for (Map.Entry<Instant, Bar> entry : theirs.entrySet()) {
			Bar our = ours.get(entry.getKey());
			if (our != null && differences(our, entry.getValue()).isEmpty()) {
				agreeing++;
			}
		}
		return agreeing;
	}

	/**
	 * The bars with each 09:30 bar folded into the next one, or {@code null} without one.
	 */
	private static @Nullable List<Bar> foldAuction(List<Bar> bars) {
		List<Bar> folded = new ArrayList<>(bars.size());
		boolean any = false;
		for (int i = 0; i < bars.size(); i++) {
			Bar bar = bars.get(i);
			boolean auction = bar.end().atZone(Units.BEIJING).toLocalTime().equals(AUCTION_BAR);
			if (auction && i + 1 < bars.size() && sameDay(bar, bars.get(i + 1))) {
				Bar next = bars.get(++i);
				folded.add(new Bar(next.symbol(), next.end(), bar.open(), bar.high().max(next.high()),
						bar.low().min(next.low()), next.close(), bar.volume() + next.volume(),
						bar.amount().add(next.amount())));
				any = true;
			}
			else {
				folded.add(bar);
			}
		}
		return any ? folded : null;
	}

	private static boolean sameDay(Bar a, Bar b) {
		return a.end().atZone(Units.BEIJING).toLocalDate().equals(b.end().atZone(Units.BEIJING).toLocalDate());
	}

	private static Bar relabel(Bar bar, Instant end) {
		return new Bar(bar.symbol(), end, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.amount());
	}

	private static String clocks(List<Bar> bars) {
		Map<String, Boolean> labels = new LinkedHashMap<>();
		bars.stream().limit(4).forEach((bar) -> labels.put(clock(bar.end()), true));
		return String.join(", ", labels.keySet()) + ((bars.size() > 4) ? ", ..." : "");
	}

}
