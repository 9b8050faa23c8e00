package com.marketbase.batch.warehouse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A deterministic day of 1-minute bars with the cases that break aggregates: a full day,
 * an ETF priced to 0.001, a symbol that trades only the morning (half day), a suspended
 * symbol (no bars), a symbol with missing minutes, and the next day for one symbol to
 * show that windows stay apart.
 */
public final class MinuteBarFixture {

	public static final LocalDate DAY = LocalDate.of(2025, 8, 1);

	static final LocalDate NEXT_DAY = LocalDate.of(2025, 8, 4);

	static final String SUSPENDED = "300750.SZ";

	private MinuteBarFixture() {
	}

	public static List<StoredBar> bars() {
		List<StoredBar> bars = new ArrayList<>();
		bars.addAll(day("600000.SH", DAY, new BigDecimal("10.50"), 2, Set.of(), true, 1));
		bars.addAll(day("000001.SZ", DAY, new BigDecimal("12.01"), 2, Set.of(), true, 2));
		bars.addAll(day("518880.SH", DAY, new BigDecimal("7.352"), 3, Set.of(), true, 3));
		bars.addAll(day("430047.BJ", DAY, new BigDecimal("21.30"), 2, Set.of(), false, 4));
		bars.addAll(day("601318.SH", DAY, new BigDecimal("45.10"), 2,
				Set.of(LocalTime.of(9, 31), LocalTime.of(10, 44), LocalTime.of(13, 1), LocalTime.of(15, 0)), true, 5));
		bars.addAll(day("600000.SH", NEXT_DAY, new BigDecimal("10.62"), 2, Set.of(), true, 6));
		return bars;
	}

	/** End minutes of a canonical A-share day: 09:31..11:30 and 13:01..15:00. */
	static List<LocalTime> sessionMinutes(boolean afternoon) {
		List<LocalTime> minutes = new ArrayList<>();
		for (LocalTime t = LocalTime.of(9, 31); !t.isAfter(LocalTime.of(11, 30)); t = t.plusMinutes(1)) {
			minutes.add(t);
		}
		if (afternoon) {
			for (LocalTime t = LocalTime.of(13, 1); !t.isAfter(LocalTime.of(15, 0)); t = t.plusMinutes(1)) {
				minutes.add(t);
			}
		}
		return minutes;
	}

	static Instant at(LocalDate day, LocalTime time) {
		return day.atTime(time).atZone(AggregateWindow.MARKET_ZONE).toInstant();
	}

	private static List<StoredBar> day(String symbol, LocalDate date, BigDecimal start, int scale,
			Set<LocalTime> missing, boolean afternoon, long seed) {
		Random random = new Random(seed);
		BigDecimal tick = BigDecimal.ONE.movePointLeft(scale);
		BigDecimal price = start;
		List<StoredBar> bars = new ArrayList<>();
		for (LocalTime minute : sessionMinutes(afternoon)) {
			BigDecimal open = price;
			BigDecimal close = open.add(tick.multiply(BigDecimal.valueOf(random.nextInt(7) - 3)));
			BigDecimal high = open.max(close).add(tick.multiply(BigDecimal.valueOf(random.nextInt(3))));
			BigDecimal low = open.min(close).subtract(tick.multiply(BigDecimal.valueOf(random.nextInt(3))));
			long volume = 100L * (1 + random.nextInt(5000));
			BigDecimal amount = close.multiply(BigDecimal.valueOf(volume)).setScale(2, RoundingMode.HALF_UP);
			if (!missing.contains(minute)) {
				bars.add(new StoredBar(symbol, at(date, minute), open, high, low, close, volume, amount));
			}
			price = close;
		}
		return bars;
	}

	/**
	 * Upserts bars with plain multi-row statements, one at a time, which every target
	 * takes (the TSL conformance target refuses COPY).
	 * @param dataSource the warehouse
	 * @param bars the bars to store
	 */
	public static void store(DataSource dataSource, List<StoredBar> bars) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		int rowsPerStatement = 10;
		for (int from = 0; from < bars.size(); from += rowsPerStatement) {
			List<StoredBar> slice = bars.subList(from, Math.min(bars.size(), from + rowsPerStatement));
			StringBuilder sql = new StringBuilder(
					"insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
							+ "load_batch_id) values ");
			List<Object> args = new ArrayList<>();
			for (int i = 0; i < slice.size(); i++) {
				StoredBar bar = slice.get(i);
				sql.append((i == 0) ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, 'fixture', 0)");
				args.addAll(List.of(bar.symbol(), Timestamp.from(bar.end()), bar.open(), bar.high(), bar.low(),
						bar.close(), bar.volume(), bar.amount()));
			}
			sql.append(" on conflict (symbol, ts) do update set open = excluded.open, high = excluded.high, "
					+ "low = excluded.low, close = excluded.close, volume = excluded.volume, amount = excluded.amount");
			jdbc.update(sql.toString(), args.toArray());
		}
	}

	public static List<StoredBar> read(DataSource dataSource, String table) {
		return new JdbcTemplate(dataSource).query(
				"select symbol, ts, open, high, low, close, volume, amount from market." + table
						+ " order by symbol, ts",
				(rs, row) -> new StoredBar(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3),
						rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7),
						rs.getBigDecimal(8)));
	}

}
