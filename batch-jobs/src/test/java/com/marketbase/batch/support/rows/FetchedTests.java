package com.marketbase.batch.support.rows;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FetchedTests {

	record Row(String symbol, int day, long volume) {
	}

	private static final Comparator<Row> BY_DAY = Comparator.comparingInt(Row::day);

	@Test
	void dropsARowSentAgainUnchangedWithoutARejection() {
		Fetched<Row> fetched = new Fetched<>(List.of(new Row("A", 2, 10), new Row("A", 1, 5), new Row("A", 2, 10)),
				List.of());

		Fetched<Row> once = fetched.oncePerKey(BY_DAY, "sandbox", "daily", Row::symbol);

		assertThat(once.items()).containsExactly(new Row("A", 1, 5), new Row("A", 2, 10));
		assertThat(once.rejected()).isEmpty();
	}

	@Test
	void keepsTheFirstOfContradictingRowsAndRejectsEveryLaterOne() {
		RejectedRow earlier = new RejectedRow("sandbox", "daily", "A", "high below low", "{}");
		Fetched<Row> fetched = new Fetched<>(List.of(new Row("A", 3, 30), new Row("A", 1, 7), new Row("A", 1, 8),
				new Row("A", 1, 7), new Row("A", 1, 9)), List.of(earlier));

		Fetched<Row> once = fetched.oncePerKey(BY_DAY, "sandbox", "daily", Row::symbol);

		assertThat(once.items()).containsExactly(new Row("A", 1, 7), new Row("A", 3, 30));
		assertThat(once.rejected()).hasSize(3);
		assertThat(once.rejected().get(0)).isEqualTo(earlier);
		assertThat(once.rejected().subList(1, 3)).allSatisfy((row) -> {
			assertThat(row.reason())
				.isEqualTo("sent twice with other values; the first is kept: " + new Row("A", 1, 7));
			assertThat(row.symbol()).isEqualTo("A");
			assertThat(row.endpoint()).isEqualTo("daily");
		});
		assertThat(once.rejected().subList(1, 3)).extracting(RejectedRow::payload)
			.containsExactly(new Row("A", 1, 8).toString(), new Row("A", 1, 9).toString());
	}

}
