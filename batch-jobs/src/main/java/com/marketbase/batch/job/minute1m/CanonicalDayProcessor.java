package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.BarRollup;
import com.marketbase.batch.source.BeijingTime;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.source.SourceName;

import org.jspecify.annotations.Nullable;

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
	static final int FULL_DAY = BarRollup.FULL_DAY;

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final LocalTime AUCTION = LocalTime.of(9, 30);

	private static final LocalTime FIRST_BAR = LocalTime.of(9, 31);

	private static final String ENDPOINT = "minute_1m";

	private final SourceName source;

	private final @Nullable LocalDateTime intradayAt;

	/**
	 * A processor.
	 * @param source the source read
	 * @param intradayAt for an intraday run, the Beijing time it loads up to: that day's
	 * units are in progress, judged against the bars due by then; {@code null} otherwise
	 */
	CanonicalDayProcessor(SourceName source, @Nullable LocalDateTime intradayAt) {
		this.source = source;
		this.intradayAt = intradayAt;
	}

	CanonicalDayProcessor(SourceName source) {
		this(source, null);
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
		// Each day's bars by session minute (09:31 is slot 0, 15:00 slot 239), found by
		// arithmetic on the instant: this runs for every bar loaded.
		List<LocalDate> unitDays = unit.days();
		long[] epochDays = unitDays.stream().mapToLong(LocalDate::toEpochDay).toArray();
		Bar[][] days = new Bar[unitDays.size()][FULL_DAY];
		Bar[] auctions = new Bar[unitDays.size()];
		for (Bar bar : fetched.bars()) {
			String reason = rejection(unit, bar, epochDays, days, auctions);
			if (reason != null) {
				rejected.add(new RejectedRow(this.source.key(), ENDPOINT, bar.symbol(), reason, bar.toString()));
			}
		}
		List<Bar> bars = new ArrayList<>(fetched.bars().size());
		List<DayOutcome> outcomes = new ArrayList<>(unitDays.size());
		for (int d = 0; d < unitDays.size(); d++) {
			Bar[] day = days[d];
			if (auctions[d] != null) {
				day[0] = (day[0] != null) ? fold(auctions[d], day[0]) : relabel(auctions[d], unitDays.get(d));
			}
			int stored = 0;
			int firstMissing = -1;
			for (int slot = 0; slot < FULL_DAY; slot++) {
				if (day[slot] != null) {
					bars.add(day[slot]);
					stored++;
				}
				else if (firstMissing < 0) {
					firstMissing = slot;
				}
			}
			outcomes.add((this.intradayAt != null && unitDays.get(d).equals(this.intradayAt.toLocalDate()))
					? inProgress(unit.symbol(), unitDays.get(d), stored, this.intradayAt.toLocalTime())
					: outcome(unit.symbol(), unitDays.get(d), stored, firstMissing));
		}
		return new LoadedUnit(unit, bars, rejected, outcomes);
	}

	private static String rejection(MinuteUnit unit, Bar bar, long[] epochDays, Bar[][] days, Bar[] auctions) {
		if (!bar.symbol().equals(unit.symbol())) {
			return "bar of " + bar.symbol() + " in the unit of " + unit.symbol();
		}
		long local = BeijingTime.localEpochSecond(bar.end());
		long epochDay = Math.floorDiv(local, 86_400L);
		int d = 0;
		while (d < epochDays.length && epochDays[d] != epochDay) {
			d++;
		}
		if (d == epochDays.length) {
			return "bar ending " + beijing(bar) + " is not on a trading day of the unit " + unit;
		}
		int second = (int) Math.floorMod(local, 86_400L);
		boolean auction = second == AUCTION.toSecondOfDay() && bar.end().getNano() == 0;
		int slot = (bar.end().getNano() == 0) ? slot(second) : -1;
		if (!auction && slot < 0) {
			return "bar ending " + beijing(bar) + " is outside trading hours";
		}
		String implausibility = bar.implausibility();
		if (implausibility != null) {
			return implausibility;
		}
		Bar[] stored = auction ? auctions : days[d];
		int index = auction ? d : slot;
		if (stored[index] != null) {
			return "duplicate bar ending " + beijing(bar) + " within the unit";
		}
		stored[index] = bar;
		return null;
	}

	private static LocalDateTime beijing(Bar bar) {
		return LocalDateTime.ofInstant(bar.end(), BEIJING);
	}

	/** The session minute a bar ending at this second of the day fills, or -1. */
	private static int slot(int second) {
		if (second % 60 != 0) {
			return -1;
		}
		int minute = second / 60;
		int morning = minute - FIRST_BAR.toSecondOfDay() / 60;
		if (morning >= 0 && morning < 120) {
			return morning;
		}
		int afternoon = minute - 13 * 60 - 1;
		return (afternoon >= 0 && afternoon < 120) ? 120 + afternoon : -1;
	}

	/** The end of the bar in a slot. */
	private static LocalTime slotTime(int slot) {
		return (slot < 120) ? FIRST_BAR.plusMinutes(slot) : LocalTime.of(13, 1).plusMinutes(slot - 120);
	}

	/** Whether a bar may end at this minute: 09:31..11:30 or 13:01..15:00. */
	static boolean isSessionMinute(LocalTime time) {
		return BarRollup.isSessionMinute(time);
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

	/** Today so far: the bars due are those whose minute has ended by the run's time. */
	private static DayOutcome inProgress(String symbol, LocalDate day, int stored, LocalTime at) {
		int due = 0;
		for (int slot = 0; slot < FULL_DAY && !slotTime(slot).isAfter(at); slot++) {
			due++;
		}
		return new DayOutcome(symbol, day, DayStatus.IN_PROGRESS, stored, due, stored + " of " + due + " bars due by "
				+ at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + "; the session is still open");
	}

	private static DayOutcome outcome(String symbol, LocalDate day, int stored, int firstMissing) {
		if (stored == 0) {
			return new DayOutcome(symbol, day, DayStatus.EMPTY, 0, FULL_DAY, "the source has no bars for the day");
		}
		if (stored < FULL_DAY) {
			return new DayOutcome(symbol, day, DayStatus.PARTIAL, stored, FULL_DAY,
					(FULL_DAY - stored) + " of " + FULL_DAY + " bars missing, first at " + slotTime(firstMissing));
		}
		return new DayOutcome(symbol, day, DayStatus.COMPLETE, stored, FULL_DAY, null);
	}

}
