package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BarArraysTests {

	@Test
	void writesEachColumnAsAnArrayLiteralKeepingTheScale() {
		Bar first = new Bar("600000.SH", Instant.parse("2026-11-20T01:31:00Z"), new BigDecimal("7.350"),
				new BigDecimal("7.36"), new BigDecimal("7.3"), new BigDecimal("7.350"), 1200,
				new BigDecimal("8820.00"));
		// A symbol that array syntax would otherwise split or misread.
		Bar odd = new Bar("A\"B,\\C", Instant.parse("2026-11-20T07:00:00Z"), new BigDecimal("1E+1"),
				new BigDecimal("10"), new BigDecimal("10"), new BigDecimal("10"), 0, BigDecimal.ZERO);

		BarArrays arrays = BarArrays.of(List.of(first, odd));

		assertThat(arrays.literal(0)).isEqualTo("{\"600000.SH\",\"A\\\"B,\\\\C\"}");
		assertThat(arrays.literal(1)).isEqualTo("{2026-11-20T01:31:00Z,2026-11-20T07:00:00Z}");
		assertThat(arrays.literal(2)).isEqualTo("{7.350,10}");
		assertThat(arrays.literal(5)).isEqualTo("{7.350,10}");
		assertThat(arrays.literal(6)).isEqualTo("{1200,0}");
		assertThat(arrays.literal(7)).isEqualTo("{8820.00,0}");
	}

	@Test
	void noBarsAreEmptyArrays() {
		assertThat(BarArrays.of(List.of()).literal(0)).isEqualTo("{}");
	}

}
