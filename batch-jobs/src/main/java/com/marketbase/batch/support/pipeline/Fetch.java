package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One call (or a few pages) to a source: either a whole day of every instrument, or one
 * instrument over a range of days. What it returns is written only for the units the plan
 * gave it.
 *
 * @param symbol the instrument, or {@code null} for a whole day
 * @param from the first day
 * @param to the last day; equal to {@code from} for a whole day
 */
public record Fetch(@Nullable String symbol, LocalDate from, LocalDate to) {

	static Fetch day(LocalDate day) {
		return new Fetch(null, day, day);
	}

	static Fetch range(String symbol, LocalDate from, LocalDate to) {
		return new Fetch(symbol, from, to);
	}

	/**
	 * Whether the fetch reads a whole day of every instrument.
	 * @return true for a whole day
	 */
	public boolean wholeDay() {
		return this.symbol == null;
	}

	/** {@code D:2026-11-20} or {@code S:600000.SH:2026-10-08:2026-11-20}, ';'-joined. */
	static String encode(List<Fetch> fetches) {
		return fetches.stream()
			.map((fetch) -> fetch.wholeDay() ? "D:" + fetch.from()
					: "S:" + fetch.symbol() + ":" + fetch.from() + ":" + fetch.to())
			.collect(Collectors.joining(";"));
	}

	static List<Fetch> decode(@Nullable String encoded) {
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
