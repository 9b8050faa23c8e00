package com.marketbase.batch.warehouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AggregateWindowTests {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	@Test
	void widensToTheSixtyMinuteSessionGrid() {
		assertThat(AggregateWindow.covering(at(10, 3), at(10, 44))).isEqualTo(window(at(9, 30), at(11, 30)));
		assertThat(AggregateWindow.covering(at(13, 1), at(13, 1))).isEqualTo(window(at(13, 0), at(14, 0)));
		assertThat(AggregateWindow.covering(at(14, 1), at(15, 0))).isEqualTo(window(at(14, 0), at(15, 0)));
	}

	@Test
	void coversAFullDayWithItsFirstAndLastBar() {
		assertThat(AggregateWindow.covering(at(9, 31), at(15, 0))).isEqualTo(window(at(9, 30), at(15, 0)));
	}

	@Test
	void putsABarEndingOnAnEdgeIntoTheBucketBeforeIt() {
		assertThat(AggregateWindow.covering(at(10, 30), at(10, 30))).isEqualTo(window(at(9, 30), at(10, 30)));
		assertThat(AggregateWindow.covering(at(11, 30), at(11, 30))).isEqualTo(window(at(10, 30), at(11, 30)));
	}

	@Test
	void keepsBarsOutsideTradingHoursInWholeWindows() {
		assertThat(AggregateWindow.covering(at(21, 5), at(23, 0)))
			.isEqualTo(window(at(15, 0), DAY.plusDays(1).atStartOfDay(AggregateWindow.MARKET_ZONE).toInstant()));
		assertThat(AggregateWindow.covering(at(0, 0), at(0, 0))).isEqualTo(
				window(DAY.minusDays(1).atTime(15, 0).atZone(AggregateWindow.MARKET_ZONE).toInstant(), at(0, 0)));
	}

	@Test
	void spansWholeDaysInBeijingTime() {
		assertThat(AggregateWindow.days(DAY, DAY.plusDays(2)))
			.isEqualTo(window(Instant.parse("2026-11-19T16:00:00Z"), Instant.parse("2026-11-22T16:00:00Z")));
	}

	@Test
	void refusesAnEmptyWindow() {
		assertThatIllegalArgumentException().isThrownBy(() -> window(at(10, 30), at(10, 30)))
			.withMessageContaining("must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> AggregateWindow.covering(at(11, 0), at(10, 0)));
	}

	private static AggregateWindow window(Instant from, Instant to) {
		return new AggregateWindow(from, to);
	}

	private static Instant at(int hour, int minute) {
		return DAY.atTime(LocalTime.of(hour, minute)).atZone(AggregateWindow.MARKET_ZONE).toInstant();
	}

}
