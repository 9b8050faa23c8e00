package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.marketbase.batch.source.Bar;
import com.marketbase.batch.source.RejectedRow;
import com.marketbase.batch.source.SourceName;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Turns what a source returned for a unit into the canonical A-share day: 240 bars
 * labelled by their end minute, 09:31..11:30 and 13:01..15:00, with a separate 09:30
 * opening-auction bar folded into 09:31 (open from the auction; high, low, volume and
 * amount combined). Rows that cannot be true are rejected with their reason, and each day
 * is classified as complete, partial or empty against what the calendar expects.
 */
class CanonicalDayProcessor implements ItemProcessor<FetchedUnit, LoadedUnit> {

	/** Bars of a full A-share trading day. */
	static final int FULL_DAY = 240;

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final LocalTime AUCTION = LocalTime.of(9, 30);

	private static final LocalTime FIRST_BAR = LocalTime.of(9, 31);

	private static final String ENDPOINT = "minute_1m";

	private final SourceName source;

	CanonicalDayProcessor(SourceName source) {
		this.source = source;
	}

	@Override
	public LoadedUnit process(FetchedUnit fetched) {
		MinuteUnit unit = fetched.unit();
		List<RejectedRow> rejected = new ArrayList<>(fetched.rejected());
		if (fetched.failure() != null) {
			List<DayOutcome> failed = unit.days()
				.stream()
				.map((day) -> new DayOutcome(unit.symbol(), day, DayStatus.FAILED, 0, FULL_DAY, fetched.failure()))
				.toList();
			return new LoadedUnit(unit, List.of(), rejected, failed);
		}
		Map<LocalDate, TreeMap<LocalTime, Bar>> days = new HashMap<>();
		Map<LocalDate, Bar> auctions = new HashMap<>();
		unit.days().forEach((day) -> days.put(day, new TreeMap<>()));
		for (Bar bar : fetched.bars()) {
			String reason = rejection(unit, bar, days, auctions);
			if (reason != null) {
				rejected.add(new RejectedRow(this.source, ENDPOINT, bar.symbol(), reason, bar.toString()));
			}
		}
		auctions.forEach((day, auction) -> days.get(day)
			.merge(FIRST_BAR, relabel(auction, day), (first, folded) -> fold(auction, first)));
		List<Bar> bars = new ArrayList<>();
		List<DayOutcome> outcomes = new ArrayList<>();
		for (LocalDate day : unit.days()) {
			TreeMap<LocalTime, Bar> dayBars = days.get(day);
			bars.addAll(dayBars.values());
			outcomes.add(outcome(unit.symbol(), day, dayBars));
		}
		return new LoadedUnit(unit, bars, rejected, outcomes);
	}

	private static String rejection(MinuteUnit unit, Bar bar, Map<LocalDate, TreeMap<LocalTime, Bar>> days,
			Map<LocalDate, Bar> auctions) {
		if (!bar.symbol().equals(unit.symbol())) {
			return "bar of " + bar.symbol() + " in the unit of " + unit.symbol();
		}
		LocalDateTime local = LocalDateTime.ofInstant(bar.end(), BEIJING);
		TreeMap<LocalTime, Bar> day = days.get(local.toLocalDate());
		if (day == null) {
			return "bar ending " + local + " is not on a trading day of the unit " + unit;
		}
		LocalTime time = local.toLocalTime();
		if (!time.equals(AUCTION) && !isSessionMinute(time)) {
			return "bar ending " + local + " is outside trading hours";
		}
		String implausibility = bar.implausibility();
		if (implausibility != null) {
			return implausibility;
		}
		boolean duplicate = time.equals(AUCTION) ? auctions.putIfAbsent(local.toLocalDate(), bar) != null
				: day.putIfAbsent(time, bar) != null;
		return duplicate ? "duplicate bar ending " + local + " within the unit" : null;
	}

	/** Whether a bar may end at this minute: 09:31..11:30 or 13:01..15:00. */
	static boolean isSessionMinute(LocalTime time) {
		return (time.getSecond() == 0 && time.getNano() == 0)
				&& ((!time.isBefore(FIRST_BAR) && !time.isAfter(LocalTime.of(11, 30)))
						|| (!time.isBefore(LocalTime.of(13, 1)) && !time.isAfter(LocalTime.of(15, 0))));
	}

	private static Bar relabel(Bar auction, LocalDate day) {
		return new Bar(auction.symbol(), day.atTime(FIRST_BAR).atZone(BEIJING).toInstant(), auction.open(),
				auction.high(), auction.low(), auction.close(), auction.volume(), auction.amount());
	}

	private static Bar fold(Bar auction, Bar first) {
		return new Bar(first.symbol(), first.end(), auction.open(), auction.high().max(first.high()),
				auction.low().min(first.low()), first.close(), auction.volume() + first.volume(),
				auction.amount().add(first.amount()));
	}

	private static DayOutcome outcome(String symbol, LocalDate day, TreeMap<LocalTime, Bar> bars) {
		if (bars.isEmpty()) {
			return new DayOutcome(symbol, day, DayStatus.EMPTY, 0, FULL_DAY, "the source has no bars for the day");
		}
		if (bars.size() < FULL_DAY) {
			return new DayOutcome(symbol, day, DayStatus.PARTIAL, bars.size(), FULL_DAY,
					(FULL_DAY - bars.size()) + " of " + FULL_DAY + " bars missing, first at " + firstMissing(bars));
		}
		return new DayOutcome(symbol, day, DayStatus.COMPLETE, bars.size(), FULL_DAY, null);
	}

	private static LocalTime firstMissing(TreeMap<LocalTime, Bar> bars) {
		for (LocalTime t = FIRST_BAR; !t.isAfter(LocalTime.of(15, 0)); t = t.plusMinutes(1)) {
			if (isSessionMinute(t) && !bars.containsKey(t)) {
				return t;
			}
		}
		return LocalTime.of(15, 0);
	}

}
