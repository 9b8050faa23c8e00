package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Aggregates computed in the test, independently of the warehouse's SQL: labels come from
 * ceiling the end minute to the bucket width, and 60-minute labels from the A-share
 * session table.
 */
public final class ReferenceAggregates {

	private ReferenceAggregates() {
	}

	public static List<StoredBar> minutes(List<StoredBar> bars, int width) {
		return aggregate(bars, (end) -> {
			ZonedDateTime local = end.atZone(AggregateWindow.MARKET_ZONE);
			int minuteOfDay = local.getHour() * 60 + local.getMinute();
			int labelMinute = ((minuteOfDay + width - 1) / width) * width;
			return local.toLocalDate().atStartOfDay(AggregateWindow.MARKET_ZONE).plusMinutes(labelMinute).toInstant();
		});
	}

	public static List<StoredBar> hours(List<StoredBar> bars) {
		return aggregate(bars, (end) -> {
			ZonedDateTime local = end.atZone(AggregateWindow.MARKET_ZONE);
			LocalTime time = local.toLocalTime();
			LocalTime label;
			if (!time.isAfter(LocalTime.of(10, 30))) {
				label = LocalTime.of(10, 30);
			}
			else if (!time.isAfter(LocalTime.of(11, 30))) {
				label = LocalTime.of(11, 30);
			}
			else if (!time.isAfter(LocalTime.of(14, 0))) {
				label = LocalTime.of(14, 0);
			}
			else {
				label = LocalTime.of(15, 0);
			}
			return local.toLocalDate().atTime(label).atZone(AggregateWindow.MARKET_ZONE).toInstant();
		});
	}

	private static List<StoredBar> aggregate(List<StoredBar> bars, Function<Instant, Instant> label) {
		Map<String, List<StoredBar>> buckets = new TreeMap<>();
		bars.stream()
			.sorted(Comparator.comparing(StoredBar::symbol).thenComparing(StoredBar::end))
			.forEach((bar) -> buckets
				.computeIfAbsent(bar.symbol() + "|" + label.apply(bar.end()), (key) -> new ArrayList<>())
				.add(bar));
		List<StoredBar> result = new ArrayList<>();
		for (List<StoredBar> bucket : buckets.values()) {
			StoredBar first = bucket.get(0);
			StoredBar last = bucket.get(bucket.size() - 1);
			BigDecimal high = bucket.stream().map(StoredBar::high).reduce(BigDecimal::max).orElseThrow();
			BigDecimal low = bucket.stream().map(StoredBar::low).reduce(BigDecimal::min).orElseThrow();
			long volume = bucket.stream().mapToLong(StoredBar::volume).sum();
			BigDecimal amount = bucket.stream().map(StoredBar::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
			result.add(new StoredBar(first.symbol(), label.apply(first.end()), first.open(), high, low, last.close(),
					volume, amount));
		}
		result.sort(Comparator.comparing(StoredBar::symbol).thenComparing(StoredBar::end));
		return result;
	}

}
