package com.marketbase.batch.job.minute1m;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.source.SourceName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalDayProcessorTests {

	private static final LocalDate DAY = LocalDate.of(2025, 8, 1);

	private static final MinuteUnit UNIT = new MinuteUnit("518880.SH", List.of(DAY));

	private final CanonicalDayProcessor processor = new CanonicalDayProcessor(SourceName.TUSHARE);

	@Test
	void foldsTheOpeningAuctionIntoTheFirstBar() {
		List<Bar> bars = fullDay();
		bars.add(0, bar(LocalTime.of(9, 30), "7.340", "7.360", "7.330", "7.350", 5000, "36750.00"));

		LoadedUnit loaded = this.processor.process(new FetchedUnit(UNIT, bars, List.of(), null));

		assertThat(loaded.bars()).hasSize(240);
		Bar first = loaded.bars().get(0);
		assertThat(first.end()).isEqualTo(at(LocalTime.of(9, 31)));
		assertThat(first.open()).isEqualByComparingTo("7.340");
		assertThat(first.high()).isEqualByComparingTo("7.360");
		assertThat(first.low()).isEqualByComparingTo("7.330");
		assertThat(first.close()).isEqualByComparingTo("7.352");
		assertThat(first.volume()).isEqualTo(5000 + 100);
		assertThat(first.amount()).isEqualByComparingTo("37485.20");
		assertThat(loaded.days()).containsExactly(new DayOutcome("518880.SH", DAY, DayStatus.COMPLETE, 240, 240, null));
	}

	@Test
	void rejectsImpossibleRowsWithTheirReasonAndKeepsTheRest() {
		List<Bar> bars = fullDay();
		bars.set(10, bar(LocalTime.of(9, 41), "7.352", "7.350", "7.351", "7.352", 100, "735.20"));
		bars.add(bar(LocalTime.of(12, 0), "7.352", "7.352", "7.352", "7.352", 100, "735.20"));
		bars.add(bar(LocalTime.of(10, 0), "7.352", "7.353", "7.351", "7.353", 100, "735.30"));
		bars.add(bar(LocalTime.of(10, 1), "7.352", "7.353", "7.351", "7.352", -5, "735.20"));

		LoadedUnit loaded = this.processor.process(new FetchedUnit(UNIT, bars, List.of(), null));

		assertThat(loaded.rejected()).extracting(RejectedRow::reason)
			.containsExactly("high 7.350 is below low 7.351", "bar ending 2025-08-01T12:00 is outside trading hours",
					"duplicate bar ending 2025-08-01T10:00 within the unit", "volume -5 is negative");
		assertThat(loaded.rejected()).allSatisfy((row) -> assertThat(row.payload()).contains("518880.SH"));
		assertThat(loaded.bars()).hasSize(239);
		assertThat(loaded.days().get(0).status()).isEqualTo(DayStatus.PARTIAL);
		assertThat(loaded.days().get(0).reason()).isEqualTo("1 of 240 bars missing, first at 09:41");
	}

	@Test
	void classifiesASuspendedDayAsEmptyAndAHaltedOneAsPartial() {
		LocalDate next = DAY.plusDays(3);
		MinuteUnit unit = new MinuteUnit("518880.SH", List.of(DAY, next));
		List<Bar> morningOnly = fullDay().subList(0, 120);

		LoadedUnit loaded = this.processor.process(new FetchedUnit(unit, morningOnly, List.of(), null));

		assertThat(loaded.days()).extracting(DayOutcome::status).containsExactly(DayStatus.PARTIAL, DayStatus.EMPTY);
		assertThat(loaded.days().get(0).reason()).isEqualTo("120 of 240 bars missing, first at 13:01");
		assertThat(loaded.days().get(1).bars()).isZero();
	}

	@Test
	void rejectsBarsOfOtherDaysAndSymbols() {
		List<Bar> bars = new ArrayList<>(fullDay());
		bars.add(new Bar("600000.SH", at(LocalTime.of(9, 45)), bd("1"), bd("1"), bd("1"), bd("1"), 1, bd("1")));
		bars.add(new Bar("518880.SH", at(LocalTime.of(9, 45)).plusSeconds(86400), bd("1"), bd("1"), bd("1"), bd("1"), 1,
				bd("1")));

		LoadedUnit loaded = this.processor.process(new FetchedUnit(UNIT, bars, List.of(), null));

		assertThat(loaded.rejected()).extracting(RejectedRow::reason)
			.containsExactly("bar of 600000.SH in the unit of 518880.SH",
					"bar ending 2025-08-02T09:45 is not on a trading day of the unit 518880.SH/2025-08-01");
	}

	@Test
	void marksEveryDayOfAnUnreadableUnitFailed() {
		LoadedUnit loaded = this.processor.process(FetchedUnit.failed(UNIT, "Tushare Pro: HTTP 502 after 4 attempts"));

		assertThat(loaded.bars()).isEmpty();
		assertThat(loaded.days()).containsExactly(
				new DayOutcome("518880.SH", DAY, DayStatus.FAILED, 0, 240, "Tushare Pro: HTTP 502 after 4 attempts"));
	}

	@Test
	void knowsTheSessionMinutes() {
		assertThat(CanonicalDayProcessor.isSessionMinute(LocalTime.of(9, 31))).isTrue();
		assertThat(CanonicalDayProcessor.isSessionMinute(LocalTime.of(11, 30))).isTrue();
		assertThat(CanonicalDayProcessor.isSessionMinute(LocalTime.of(11, 31))).isFalse();
		assertThat(CanonicalDayProcessor.isSessionMinute(LocalTime.of(13, 0))).isFalse();
		assertThat(CanonicalDayProcessor.isSessionMinute(LocalTime.of(15, 0))).isTrue();
		assertThat(CanonicalDayProcessor.isSessionMinute(LocalTime.of(10, 0, 30))).isFalse();
	}

	private static List<Bar> fullDay() {
		List<Bar> bars = new ArrayList<>();
		for (LocalTime t = LocalTime.of(9, 31); !t.isAfter(LocalTime.of(15, 0)); t = t.plusMinutes(1)) {
			if (CanonicalDayProcessor.isSessionMinute(t)) {
				bars.add(bar(t, "7.351", "7.353", "7.350", "7.352", 100, "735.20"));
			}
		}
		return bars;
	}

	private static Bar bar(LocalTime end, String open, String high, String low, String close, long volume,
			String amount) {
		return new Bar("518880.SH", at(end), bd(open), bd(high), bd(low), bd(close), volume, bd(amount));
	}

	private static Instant at(LocalTime time) {
		return DAY.atTime(time).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
	}

	private static BigDecimal bd(String value) {
		return new BigDecimal(value);
	}

}
