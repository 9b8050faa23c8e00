package com.marketbase.batch.job.dailybars;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Weekly and monthly bars computed in Java from what {@code market.bars_daily} and the
 * SSE calendar hold, independently of {@code market.refresh_period_bars}, and the stored
 * ones read in the same form to compare with.
 */
final class PeriodBarsReference {

	private PeriodBarsReference() {
	}

	/**
	 * The expected rows, keyed by symbol, period and period start.
	 * @param jdbc the warehouse
	 * @return each row as text: label, days, OHLC, pre-close, volume, amount, adjusted
	 * OHLC
	 */
	static Map<String, String> expected(JdbcTemplate jdbc) {
		TreeSet<LocalDate> open = new TreeSet<>(jdbc.queryForList(
				"select cal_date from market.trading_calendar where exchange = 'SSE' and is_open", LocalDate.class));
		Map<String, List<Day>> periods = new TreeMap<>();
		jdbc.query("select symbol, trade_date, open, high, low, close, pre_close, volume, amount, adj_factor "
				+ "from market.bars_daily order by symbol, trade_date", (ResultSet rs) -> {
					Day day = Day.of(rs);
					periods
						.computeIfAbsent(day.symbol() + " week " + day.date().with(DayOfWeek.MONDAY),
								(k) -> new ArrayList<>())
						.add(day);
					periods
						.computeIfAbsent(day.symbol() + " month " + day.date().withDayOfMonth(1),
								(k) -> new ArrayList<>())
						.add(day);
				});
		Map<String, String> expected = new HashMap<>();
		periods.forEach((key, days) -> {
			LocalDate start = LocalDate.parse(key.substring(key.lastIndexOf(' ') + 1));
			LocalDate end = key.contains(" week ") ? start.plusDays(7) : start.plusMonths(1);
			LocalDate label = open.lower(end);
			if (label == null || label.isBefore(start)) {
				label = days.get(days.size() - 1).date();
			}
			Day first = days.get(0);
			Day last = days.get(days.size() - 1);
			BigDecimal high = first.high();
			BigDecimal low = first.low();
			long volume = 0;
			BigDecimal amount = BigDecimal.ZERO;
			boolean factors = true;
			BigDecimal adjHigh = null;
			BigDecimal adjLow = null;
			for (Day day : days) {
				high = high.max(day.high());
				low = low.min(day.low());
				volume += day.volume();
				amount = amount.add(day.amount());
				factors &= day.factor() != null;
				if (day.factor() != null) {
					BigDecimal h = day.high().multiply(day.factor());
					BigDecimal l = day.low().multiply(day.factor());
					adjHigh = (adjHigh == null) ? h : adjHigh.max(h);
					adjLow = (adjLow == null) ? l : adjLow.min(l);
				}
			}
			String adjusted = factors ? text(first.open().multiply(first.factor())) + " " + text(adjHigh) + " "
					+ text(adjLow) + " " + text(last.close().multiply(last.factor())) : "- - - -";
			expected.put(key,
					label + " " + days.size() + " " + text(first.open()) + " " + text(high) + " " + text(low) + " "
							+ text(last.close()) + " " + text(first.preClose()) + " " + volume + " " + text(amount)
							+ " " + adjusted);
		});
		return expected;
	}

	/**
	 * The stored rows in the form of {@link #expected}.
	 * @param jdbc the warehouse
	 * @return the rows of {@code market.bars_period}
	 */
	static Map<String, String> stored(JdbcTemplate jdbc) {
		Map<String, String> stored = new HashMap<>();
		jdbc.query("select symbol, period, period_start, trade_date, days, open, high, low, close, pre_close, volume, "
				+ "amount, adj_open, adj_high, adj_low, adj_close from market.bars_period", (ResultSet rs) -> {
					stored.put(rs.getString(1) + " " + rs.getString(2) + " " + rs.getObject(3, LocalDate.class),
							rs.getObject(4, LocalDate.class) + " " + rs.getInt(5) + " " + text(rs.getBigDecimal(6))
									+ " " + text(rs.getBigDecimal(7)) + " " + text(rs.getBigDecimal(8)) + " "
									+ text(rs.getBigDecimal(9)) + " " + text(rs.getBigDecimal(10)) + " "
									+ rs.getLong(11) + " " + text(rs.getBigDecimal(12)) + " "
									+ text(rs.getBigDecimal(13)) + " " + text(rs.getBigDecimal(14)) + " "
									+ text(rs.getBigDecimal(15)) + " " + text(rs.getBigDecimal(16)));
				});
		return stored;
	}

	/**
	 * Forward-adjusted closes computed from the daily bars: the period's last
	 * back-adjusted close over the symbol's latest factor, to eight significant digits.
	 * @param jdbc the warehouse
	 * @param period {@code week} or {@code month}
	 * @return close by symbol and label
	 */
	static Map<String, String> forwardCloses(JdbcTemplate jdbc, String period) {
		Map<String, BigDecimal> latest = new HashMap<>();
		Map<String, Day> lastOfPeriod = new TreeMap<>();
		Map<String, Boolean> complete = new HashMap<>();
		jdbc.query("select symbol, trade_date, open, high, low, close, pre_close, volume, amount, adj_factor "
				+ "from market.bars_daily order by symbol, trade_date", (ResultSet rs) -> {
					Day day = Day.of(rs);
					if (day.factor() != null) {
						latest.put(day.symbol(), day.factor());
					}
					LocalDate start = period.equals("week") ? day.date().with(DayOfWeek.MONDAY)
							: day.date().withDayOfMonth(1);
					String key = day.symbol() + " " + start;
					lastOfPeriod.put(key, day);
					complete.merge(key, day.factor() != null, Boolean::logicalAnd);
				});
		Map<String, String> closes = new HashMap<>();
		lastOfPeriod.forEach((key, day) -> {
			if (complete.get(key) && latest.containsKey(day.symbol())) {
				closes.put(key, significant(
						day.close().multiply(day.factor()).divide(latest.get(day.symbol()), MathContext.DECIMAL128)));
			}
		});
		return closes;
	}

	/**
	 * The forward-adjusted closes of a view in the form of {@link #forwardCloses}.
	 * @param jdbc the warehouse
	 * @param view {@code market.bars_weekly_forward_adjusted} or the monthly one
	 * @param period {@code week} or {@code month}
	 * @return close by symbol and period start
	 */
	static Map<String, String> storedForwardCloses(JdbcTemplate jdbc, String view, String period) {
		Map<String, String> closes = new HashMap<>();
		jdbc.query("select symbol, date_trunc('" + period + "', trade_date)::date, close from " + view,
				(ResultSet rs) -> {
					closes.put(rs.getString(1) + " " + rs.getObject(2, LocalDate.class),
							significant(rs.getBigDecimal(3)));
				});
		return closes;
	}

	private static String significant(BigDecimal value) {
		return value.round(new MathContext(8, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
	}

	private static String text(BigDecimal value) {
		return (value == null) ? "-" : value.stripTrailingZeros().toPlainString();
	}

	private record Day(String symbol, LocalDate date, BigDecimal open, BigDecimal high, BigDecimal low,
			BigDecimal close, BigDecimal preClose, long volume, BigDecimal amount, BigDecimal factor) {

		static Day of(ResultSet rs) throws SQLException {
			return new Day(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3), rs.getBigDecimal(4),
					rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getLong(8), rs.getBigDecimal(9),
					rs.getBigDecimal(10));
		}

	}

}
