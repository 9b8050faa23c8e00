package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.marketbase.batch.warehouse.MinuteBarFixture.DAY;
import static com.marketbase.batch.warehouse.MinuteBarFixture.NEXT_DAY;
import static com.marketbase.batch.warehouse.MinuteBarFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every aggregate level equals an independent computation in every mode, and refreshing a
 * window rebuilds exactly the buckets inside it.
 */
class BarAggregatesIntegrationTests {

	private static final List<Level> LEVELS = List.of(
			new Level("bars_5m", (bars) -> ReferenceAggregates.minutes(bars, 5)),
			new Level("bars_15m", (bars) -> ReferenceAggregates.minutes(bars, 15)),
			new Level("bars_30m", (bars) -> ReferenceAggregates.minutes(bars, 30)),
			new Level("bars_60m", ReferenceAggregates::hours));

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void everyLevelEqualsAnIndependentComputation(TestWarehouse warehouse) {
		DataSource dataSource = warehouse.dataSource();
		warehouse.freshlyMigrated();
		List<StoredBar> bars = MinuteBarFixture.bars();
		MinuteBarFixture.store(dataSource, bars);

		refresher(dataSource).refresh(AggregateWindow.days(DAY, NEXT_DAY));

		for (Level level : LEVELS) {
			assertThat(MinuteBarFixture.read(dataSource, level.table())).as(level.table())
				.isEqualTo(level.reference().apply(bars));
		}
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void followsTheAShareBarCounts(TestWarehouse warehouse) {
		DataSource dataSource = warehouse.dataSource();
		warehouse.freshlyMigrated();
		MinuteBarFixture.store(dataSource, MinuteBarFixture.bars());

		refresher(dataSource).refresh(AggregateWindow.days(DAY, DAY));

		assertThat(labels(dataSource, "bars_5m", "600000.SH")).hasSize(48)
			.startsWith(at(DAY, LocalTime.of(9, 35)))
			.contains(at(DAY, LocalTime.of(11, 30)), at(DAY, LocalTime.of(13, 5)))
			.endsWith(at(DAY, LocalTime.of(15, 0)));
		assertThat(labels(dataSource, "bars_15m", "600000.SH")).hasSize(16);
		assertThat(labels(dataSource, "bars_30m", "600000.SH")).hasSize(8);
		assertThat(labels(dataSource, "bars_60m", "600000.SH")).containsExactly(at(DAY, LocalTime.of(10, 30)),
				at(DAY, LocalTime.of(11, 30)), at(DAY, LocalTime.of(14, 0)), at(DAY, LocalTime.of(15, 0)));
		assertThat(labels(dataSource, "bars_60m", "430047.BJ")).containsExactly(at(DAY, LocalTime.of(10, 30)),
				at(DAY, LocalTime.of(11, 30)));
		assertThat(labels(dataSource, "bars_5m", MinuteBarFixture.SUSPENDED)).isEmpty();
		assertThat(labels(dataSource, "bars_5m", "600000.SH").stream()
			.filter((ts) -> ts.isAfter(at(NEXT_DAY, LocalTime.MIDNIGHT))))
			.as("the next day is outside the refreshed window")
			.isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void refreshingAWindowLeavesBucketsOutsideItUntouched(TestWarehouse warehouse) {
		DataSource dataSource = warehouse.dataSource();
		warehouse.freshlyMigrated();
		List<StoredBar> original = MinuteBarFixture.bars();
		MinuteBarFixture.store(dataSource, original);
		BarAggregateRefresher refresher = refresher(dataSource);
		refresher.refresh(AggregateWindow.days(DAY, NEXT_DAY));

		// Late corrections: two morning bars, an afternoon bar, a bar of the next day,
		// and a
		// morning bar that arrives late for a minute that was missing.
		List<StoredBar> corrections = List.of(corrected(original, "600000.SH", at(DAY, LocalTime.of(10, 3))),
				corrected(original, "518880.SH", at(DAY, LocalTime.of(11, 30))),
				corrected(original, "600000.SH", at(DAY, LocalTime.of(14, 41))),
				corrected(original, "600000.SH", at(NEXT_DAY, LocalTime.of(9, 45))),
				new StoredBar("601318.SH", at(DAY, LocalTime.of(10, 44)), new BigDecimal("45.99"),
						new BigDecimal("46.50"), new BigDecimal("45.01"), new BigDecimal("46.00"), 700,
						new BigDecimal("32200.00")));
		MinuteBarFixture.store(dataSource, corrections);
		List<StoredBar> corrected = merge(original, corrections);

		AggregateWindow window = refresher
			.refresh(AggregateWindow.covering(at(DAY, LocalTime.of(10, 3)), at(DAY, LocalTime.of(11, 30))));

		assertThat(window).isEqualTo(new AggregateWindow(at(DAY, LocalTime.of(9, 30)), at(DAY, LocalTime.of(11, 30))));
		for (Level level : LEVELS) {
			List<StoredBar> expected = new ArrayList<>();
			level.reference().apply(corrected).stream().filter((bar) -> inside(window, bar)).forEach(expected::add);
			level.reference().apply(original).stream().filter((bar) -> !inside(window, bar)).forEach(expected::add);
			expected.sort((a, b) -> (a.symbol() + a.end()).compareTo(b.symbol() + b.end()));
			assertThat(MinuteBarFixture.read(dataSource, level.table())).as(level.table())
				.containsExactlyInAnyOrderElementsOf(expected);
		}

		refresher.refresh(AggregateWindow.days(DAY, NEXT_DAY));
		for (Level level : LEVELS) {
			assertThat(MinuteBarFixture.read(dataSource, level.table())).as(level.table())
				.isEqualTo(level.reference().apply(corrected));
		}
	}

	private static BarAggregateRefresher refresher(DataSource dataSource) {
		WarehouseMode mode = new WarehouseModeDetector(dataSource).detect().mode();
		// The embedded database hands out a connection per call, so it also checks the
		// parallel slices; the others are reached through one connection.
		int lanes = (dataSource == TestWarehouse.EMBEDDED.dataSource()) ? 2 : 1;
		return new BarAggregateRefresher(dataSource, mode, lanes);
	}

	private static boolean inside(AggregateWindow window, StoredBar bar) {
		return bar.end().isAfter(window.from()) && !bar.end().isAfter(window.to());
	}

	private static StoredBar corrected(List<StoredBar> bars, String symbol, Instant end) {
		StoredBar bar = bars.stream()
			.filter((candidate) -> candidate.symbol().equals(symbol) && candidate.end().equals(end))
			.findFirst()
			.orElseThrow();
		BigDecimal high = bar.high().add(BigDecimal.ONE);
		return new StoredBar(symbol, end, bar.open(), high, bar.low(), high, bar.volume() + 12_300,
				bar.amount().add(new BigDecimal("1000.50")));
	}

	private static List<StoredBar> merge(List<StoredBar> original, List<StoredBar> corrections) {
		List<StoredBar> merged = new ArrayList<>(original);
		for (StoredBar correction : corrections) {
			merged.removeIf((bar) -> bar.symbol().equals(correction.symbol()) && bar.end().equals(correction.end()));
			merged.add(correction);
		}
		return merged;
	}

	private static List<Instant> labels(DataSource dataSource, String table, String symbol) {
		return MinuteBarFixture.read(dataSource, table)
			.stream()
			.filter((bar) -> bar.symbol().equals(symbol))
			.map(StoredBar::end)
			.toList();
	}

	private record Level(String table, Function<List<StoredBar>, List<StoredBar>> reference) {
	}

}
