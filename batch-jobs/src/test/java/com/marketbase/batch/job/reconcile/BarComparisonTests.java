package com.marketbase.batch.job.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.source.Units;
import com.marketbase.batch.warehouse.Bar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the other side's bars are read and compared: within the sources' rounding, in the
 * layout that makes them agree, and as they come when no convention does better.
 */
class BarComparisonTests {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	@Test
	void agreesWithinTheSourcesRoundingAndNamesTheCloseFirst() {
		Bar ours = bar("10:00", "10.00", "10.20", "9.90", "10.10", 10_000, "101000");
		assertThat(
				BarComparison.differences(ours, bar("10:00", "10.0004", "10.20", "9.90", "10.10", 10_099, "101000.9")))
			.isEmpty();
		assertThat(BarComparison.differences(ours, bar("10:00", "10.00", "10.25", "9.90", "10.15", 10_000, "101000")))
			.extracting(BarComparison.FieldDifference::field)
			.containsExactly("close", "high");
		assertThat(BarComparison.differences(ours, bar("10:00", "10.00", "10.20", "9.90", "10.10", 10_100, "101003")))
			.extracting(BarComparison.FieldDifference::field)
			.containsExactly("volume", "amount");
	}

	@Test
	void foldsASeparateAuctionBarWhenThatMakesTheBarsAgree() {
		Map<Instant, Bar> ours = BarComparison
			.byEnd(List.of(bar("09:35", "10.00", "10.30", "9.90", "10.20", 3_000, "30000"),
					bar("09:40", "10.20", "10.40", "10.10", "10.30", 1_000, "10300")));
		List<Bar> theirs = List.of(bar("09:30", "10.00", "10.00", "10.00", "10.00", 1_000, "10000"),
				bar("09:35", "10.05", "10.30", "9.90", "10.20", 2_000, "20000"),
				bar("09:40", "10.20", "10.40", "10.10", "10.30", 1_000, "10300"));

		BarComparison.Reading reading = BarComparison.read(ours, theirs, 5);

		assertThat(reading.convention()).isEqualTo(Cause.AUCTION_FOLD);
		assertThat(reading.bars()).containsOnlyKeys(ours.keySet());
		assertThat(BarComparison.differences(ours.get(end("09:35")), reading.bars().get(end("09:35")))).isEmpty();
	}

	@Test
	void movesStartLabelsToTheEndWhenThatMakesTheBarsAgreeAndKeepsBarsAsTheyComeOtherwise() {
		Map<Instant, Bar> ours = BarComparison
			.byEnd(List.of(bar("10:30", "10.00", "10.30", "9.90", "10.20", 3_000, "30000"),
					bar("11:30", "10.20", "10.40", "10.10", "10.30", 1_000, "10300")));
		List<Bar> byStart = List.of(bar("09:30", "10.00", "10.30", "9.90", "10.20", 3_000, "30000"),
				bar("10:30", "10.20", "10.40", "10.10", "10.30", 1_000, "10300"));

		BarComparison.Reading moved = BarComparison.read(ours, byStart, 60);
		BarComparison.Reading asTheyCome = BarComparison.read(ours, List.copyOf(ours.values()), 60);

		assertThat(moved.convention()).isEqualTo(Cause.LABEL_CONVENTION);
		assertThat(moved.detail()).contains("by their start (09:30, 10:30)");
		assertThat(moved.bars()).containsOnlyKeys(ours.keySet());
		assertThat(asTheyCome.convention()).isNull();
	}

	@Test
	void aggregatesTheMinutesOfALabelsWindow() {
		List<Bar> minutes = List.of(bar("09:31", "10.00", "10.10", "9.95", "10.05", 100, "1005"),
				bar("09:32", "10.05", "10.20", "10.00", "10.15", 200, "2030"),
				bar("09:36", "10.15", "10.30", "10.10", "10.25", 300, "3075"));

		Bar first = BarComparison.aggregate("600000.SH", end("09:35"), 5, minutes);

		assertThat(first.open()).isEqualByComparingTo("10.00");
		assertThat(first.high()).isEqualByComparingTo("10.20");
		assertThat(first.close()).isEqualByComparingTo("10.15");
		assertThat(first.volume()).isEqualTo(300);
		assertThat(first.amount()).isEqualByComparingTo("3035");
		assertThat(BarComparison.aggregate("600000.SH", end("10:00"), 5, minutes)).isNull();
	}

	private static Bar bar(String end, String open, String high, String low, String close, long volume, String amount) {
		return new Bar("600000.SH", end(end), new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
				new BigDecimal(close), volume, new BigDecimal(amount));
	}

	private static Instant end(String clock) {
		return Units.beijing(DAY, LocalTime.parse(clock));
	}

}
