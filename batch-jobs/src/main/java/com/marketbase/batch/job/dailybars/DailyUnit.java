package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One fetch: either a whole day of every instrument, or one instrument over a range of
 * days. What the fetch returns is written only where the warehouse misses it.
 *
 * @param symbol the instrument, or {@code null} for a whole day
 * @param from the first day
 * @param to the last day; equal to {@code from} for a whole day
 */
public record DailyUnit(@Nullable String symbol, LocalDate from, LocalDate to) {

	static DailyUnit day(LocalDate day) {
		return new DailyUnit(null, day, day);
	}

	static DailyUnit range(String symbol, LocalDate from, LocalDate to) {
		return new DailyUnit(symbol, from, to);
	}

	boolean wholeDay() {
		return this.symbol == null;
	}

	/** {@code D:2026-11-20} or {@code S:600000.SH:2026-10-08:2026-11-20}, ';'-joined. */
	static String encode(List<DailyUnit> units) {
		return units.stream()
			.map((unit) -> unit.wholeDay() ? "D:" + unit.from()
					: "S:" + unit.symbol() + ":" + unit.from() + ":" + unit.to())
			.collect(Collectors.joining(";"));
	}

	static List<DailyUnit> decode(String encoded) {
		if (encoded == null || encoded.isBlank()) {
			return List.of();
		}
		return Arrays.stream(encoded.split(";")).map((text) -> {
			String[] parts = text.split(":");
			return parts[0].equals("D") ? day(LocalDate.parse(parts[1]))
					: range(parts[1], LocalDate.parse(parts[2]), LocalDate.parse(parts[3]));
		}).toList();
	}

	@Override
	public String toString() {
		if (wholeDay()) {
			return "all/" + this.from;
		}
		return this.symbol + "/" + this.from + (this.to.equals(this.from) ? "" : ".." + this.to);
	}

}
