package com.marketbase.console.bars;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The bar lengths the warehouse keeps, each with its table and the bar-end times of an
 * A-share session (09:30-11:30 and 13:00-15:00 Beijing time, bars labelled by their end).
 * Weekly and monthly bars are labelled by their period's last open day.
 */
public enum BarInterval {

	M1("1m", "market.bars_1m", 1), M5("5m", "market.bars_5m", 5), M15("15m", "market.bars_15m", 15),
	M30("30m", "market.bars_30m", 30), M60("60m", "market.bars_60m", 60), D1("1d", "market.daily_candles", 0),
	W1("1w", "market.bars_weekly", 0), MN1("1M", "market.bars_monthly", 0);

	private final String label;

	private final String table;

	private final int minutes;

	BarInterval(String label, String table, int minutes) {
		this.label = label;
		this.table = table;
		this.minutes = minutes;
	}

	public String label() {
		return this.label;
	}

	String table() {
		return this.table;
	}

	/** Whether bars are labelled by a day: daily, weekly and monthly bars. */
	boolean daily() {
		return this.minutes == 0;
	}

	/**
	 * The calendar period a weekly or monthly bar spans, as PostgreSQL's
	 * {@code date_trunc} names it.
	 * @return {@code week}, {@code month}, or {@code null} for the others
	 */
	@Nullable String period() {
		return switch (this) {
			case W1 -> "week";
			case MN1 -> "month";
			default -> null;
		};
	}

	/**
	 * The bar-end times of one session day. The 60-minute bars follow the warehouse:
	 * 10:30, 11:30, 14:00 and 15:00.
	 * @return the times in order
	 */
	List<LocalTime> sessionEnds() {
		List<LocalTime> ends = new ArrayList<>();
		if (daily()) {
			return ends;
		}
		addEnds(ends, LocalTime.of(9, 30), LocalTime.of(11, 30));
		addEnds(ends, LocalTime.of(13, 0), LocalTime.of(15, 0));
		return ends;
	}

	private void addEnds(List<LocalTime> ends, LocalTime open, LocalTime close) {
		for (LocalTime end = open.plusMinutes(this.minutes); !end.isAfter(close); end = end.plusMinutes(this.minutes)) {
			ends.add(end);
		}
	}

	static BarInterval of(String label) {
		for (BarInterval interval : values()) {
			if (interval.label.equals(label)) {
				return interval;
			}
		}
		throw new IllegalArgumentException(label);
	}

}
