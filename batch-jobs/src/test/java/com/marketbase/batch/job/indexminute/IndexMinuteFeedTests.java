package com.marketbase.batch.job.indexminute;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import com.marketbase.batch.source.Units;
import com.marketbase.batch.support.pipeline.DatasetFeed.Verdict;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.warehouse.Bar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a fetch of an index's minutes is judged: a day is complete with its 240 session
 * bars, partial with fewer, and bars outside the session or sent twice are rejected.
 */
class IndexMinuteFeedTests {

	private static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);

	private static final LocalDate TUESDAY = LocalDate.of(2026, 11, 17);

	@Test
	void aDayIsCompleteWithItsSessionBarsAndPartialWithout() {
		List<Bar> bars = new ArrayList<>(session("000300.SH", MONDAY));
		List<Bar> tuesday = session("000300.SH", TUESDAY);
		bars.addAll(tuesday.subList(0, 200));
		bars.add(bar("000300.SH", TUESDAY, LocalTime.of(12, 0)));
		bars.add(tuesday.get(10));
		bars.add(bar("000905.SH", TUESDAY, LocalTime.of(14, 0)));

		FetchedRows<IndexMinute> rows = feed(bars).fetch(fetch(), 2);

		assertThat(rows.rows()).hasSize(440);
		assertThat(rows.rows()
			.stream()
			.filter((row) -> row.bar().end().atZone(Units.BEIJING).toLocalDate().equals(MONDAY))
			.map((row) -> feed(bars).judge(row))
			.distinct()).containsExactly(Verdict.COMPLETE);
		assertThat(feed(bars).judge(rows.rows().get(439))).isEqualTo(Verdict.partial("40 of 240 bars missing"));
		assertThat(rows.rejected()).extracting(RejectedRow::reason)
			.containsExactly("bar ending 12:00 is outside trading hours", "a second bar ending 2026-11-17T09:41",
					"bar of 000905.SH in the answer for 000300.SH");
		assertThat(rows.rejected()).extracting(RejectedRow::endpoint).containsOnly("idx_mins");
		assertThat(rows.rejected().get(0).payload()).as("the day a rejection counts against")
			.startsWith("{\"trade_time\":\"2026-11-17T12:00\"");
	}

	private static IndexMinuteFeed feed(List<Bar> bars) {
		return new IndexMinuteFeed("tushare", "Tushare Pro", "idx_mins",
				(symbol, from, to) -> new Fetched<>(bars, List.of()), null);
	}

	private static com.marketbase.batch.support.pipeline.Fetch fetch() {
		return new com.marketbase.batch.support.pipeline.Fetch("000300.SH", MONDAY, TUESDAY);
	}

	private static List<Bar> session(String symbol, LocalDate day) {
		List<Bar> bars = new ArrayList<>();
		for (LocalTime end = LocalTime.of(9, 31); !end.isAfter(LocalTime.of(15, 0)); end = end.plusMinutes(1)) {
			if (end.isAfter(LocalTime.of(11, 30)) && !end.isAfter(LocalTime.of(13, 0))) {
				continue;
			}
			bars.add(bar(symbol, day, end));
		}
		assertThat(bars).hasSize(240);
		return bars;
	}

	private static Bar bar(String symbol, LocalDate day, LocalTime end) {
		BigDecimal price = new BigDecimal("3900.12");
		return new Bar(symbol, day.atTime(end).atZone(Units.BEIJING).toInstant(), price, price, price, price, 1000,
				new BigDecimal("390012.00"));
	}

}
