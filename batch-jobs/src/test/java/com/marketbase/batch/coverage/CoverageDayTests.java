package com.marketbase.batch.coverage;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict of a day: units of a session still open keep it from being complete.
 */
class CoverageDayTests {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	@Test
	void aDayWithUnitsInProgressIsNotComplete() {
		CoverageDay intraday = new CoverageDay("minute_1m", DAY, "open", 10, 4, 0, 0, 0, 0, 0, 6);
		CoverageDay evening = new CoverageDay("minute_1m", DAY, "open", 10, 10, 0, 0, 0, 0, 0, 0);
		CoverageDay holes = new CoverageDay("minute_1m", DAY, "open", 10, 4, 0, 1, 0, 0, 0, 5);

		assertThat(intraday.verdict()).isEqualTo("in progress");
		assertThat(intraday.isComplete()).isFalse();
		assertThat(intraday.owed()).isEqualTo(10);
		assertThat(evening.isComplete()).isTrue();
		assertThat(holes.verdict()).isEqualTo("missing");
	}

}
