package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary COPY rows as the server reads them: every value back as it was sent, the
 * scale of each price kept, including numbers too long for the fast path.
 */
class BarCopyBinaryIntegrationTests {

	private static final List<String> DECIMALS = List.of("7.350", "7.352", "0.001", "-12.5", "0", "0.00", "1343100",
			"70000", "9874709.0", "1.5E7", "1E+3", "123456789012345678.9", "12345678901234567890.123",
			"0.000000000000000000001", "2147483648.5", "9999999999999999.99", "-0.0500", "0.00001", "10000.0001");

	@Test
	void theServerReadsBackEveryValueAsSent() throws SQLException {
		DataSource dataSource = TestWarehouse.EMBEDDED.dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("drop table if exists binary_bars");
		jdbc.execute("create table binary_bars (symbol text, ts timestamptz, open numeric, high numeric, "
				+ "low numeric, close numeric, volume bigint, amount numeric, source text, load_batch_id bigint)");
		List<Bar> bars = new ArrayList<>();
		Instant end = Instant.parse("2026-11-20T01:31:00Z");
		for (int i = 0; i < DECIMALS.size(); i++) {
			BigDecimal value = new BigDecimal(DECIMALS.get(i));
			bars.add(new Bar("600000.SH", end.plusSeconds(60L * i), value, value.abs(), value.negate(), value,
					(i == 0) ? Long.MAX_VALUE : -i, value));
		}
		bars.add(new Bar("数据.SZ", Instant.parse("1999-12-31T23:59:59.123456Z"), BigDecimal.ONE, BigDecimal.ONE,
				BigDecimal.ONE, BigDecimal.ONE, Long.MIN_VALUE, BigDecimal.ZERO));
		// Small pieces: rows that span a piece's end are sent over two calls.
		BarCopyBinary rows = new BarCopyBinary(8);
		rows.header();
		byte[] stamp = BarCopyBinary.suffix("tushare", 4_000_000_000L);
		bars.forEach((bar) -> rows.add(bar, 2, stamp));
		rows.trailer();
		try (Connection connection = dataSource.getConnection()) {
			CopyIn copy = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy binary_bars from stdin (format binary)");
			for (int at = 0; at < rows.length(); at += 7) {
				copy.writeToCopy(rows.bytes(), at, Math.min(7, rows.length() - at));
			}
			assertThat(copy.endCopy()).isEqualTo(bars.size());
		}

		List<Map<String, Object>> stored = jdbc
			.queryForList("select symbol, ts, open::text as open, high::text as high, "
					+ "low::text as low, close::text as close, volume, amount::text as amount, source, load_batch_id "
					+ "from binary_bars order by ts");
		assertThat(stored).hasSize(bars.size());
		List<Bar> sorted = bars.stream().sorted(java.util.Comparator.comparing(Bar::end)).toList();
		for (int i = 0; i < sorted.size(); i++) {
			Bar bar = sorted.get(i);
			Map<String, Object> row = stored.get(i);
			assertThat(row.get("symbol")).isEqualTo(bar.symbol());
			assertThat(((java.sql.Timestamp) row.get("ts")).toInstant()).isEqualTo(bar.end());
			assertThat(row.get("open")).as(bar.open().toString()).isEqualTo(plain(bar.open()));
			assertThat(row.get("high")).isEqualTo(plain(bar.high()));
			assertThat(row.get("low")).isEqualTo(plain(bar.low()));
			assertThat(row.get("close")).isEqualTo(plain(bar.close()));
			assertThat(row.get("volume")).isEqualTo(bar.volume());
			assertThat(row.get("amount")).isEqualTo(plain(bar.amount()));
			assertThat(row.get("source")).isEqualTo("tushare");
			assertThat(row.get("load_batch_id")).isEqualTo(4_000_000_000L);
		}
		jdbc.execute("drop table binary_bars");
	}

	// PostgreSQL prints a numeric as toPlainString does, a negative scale as none.
	private static String plain(BigDecimal value) {
		return ((value.scale() < 0) ? value.setScale(0) : value).toPlainString();
	}

}
