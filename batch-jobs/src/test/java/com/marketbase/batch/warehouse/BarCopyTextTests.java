package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BarCopyTextTests {

	@Test
	void writesTheTextThePlainStringsWouldGive() {
		BarCopyText text = new BarCopyText(16);
		List<String> values = List.of("7.350", "7.352", "0.001", "-12.5", "0", "1343100", "9874709.0", "1.5E7",
				"123456789012345678.9", "12345678901234567890.123", "0.000000000000000000001", "2147483648.5",
				"9999999999999999.99");
		for (String value : values) {
			BigDecimal decimal = new BigDecimal(value);
			text.clear();
			text.decimal(decimal);
			assertThat(new String(text.bytes(), 0, text.length(), StandardCharsets.US_ASCII)).as(value)
				.isEqualTo(decimal.toPlainString());
		}
		for (long value : List.of(0L, 7L, -5L, 2_147_483_648L, Long.MAX_VALUE, Long.MIN_VALUE)) {
			text.clear();
			text.number(value);
			assertThat(new String(text.bytes(), 0, text.length(), StandardCharsets.US_ASCII))
				.isEqualTo(Long.toString(value));
		}
	}

	@Test
	void writesWholeRowsWithEscapedTextAndUtcTimestamps() {
		BarCopyText text = new BarCopyText(8);
		Instant end = Instant.parse("2026-11-20T01:31:00Z");
		text.add(new Bar("600000.SH", end, new BigDecimal("7.350"), new BigDecimal("7.36"), new BigDecimal("7.3"),
				new BigDecimal("7.352"), 1500, new BigDecimal("11028.0")), "\ttushare\t7".getBytes());
		text.add(new Bar("a\\b\tc", end.plusSeconds(86_400 * 400 + 59).plusNanos(5), BigDecimal.ONE, BigDecimal.ONE,
				BigDecimal.ONE, BigDecimal.ONE, 0, BigDecimal.ZERO), new byte[0]);

		assertThat(new String(text.bytes(), 0, text.length(), StandardCharsets.UTF_8))
			.isEqualTo("600000.SH\t2026-11-20 01:31:00+00\t7.350\t7.36\t7.3\t7.352\t1500\t11028.0\ttushare\t7\n"
					+ "a\\\\b\\tc\t2027-12-25T01:31:59.000000005Z\t1\t1\t1\t1\t0\t0\n");
	}

}
