package com.marketbase.console.bars;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.marketbase.console.ConsoleSql;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads bars from the warehouse and lays them on the grid of the open days' sessions.
 */
public class BarQueries {

	/** Bars are labelled in Beijing time. */
	static final ZoneId MARKET_ZONE = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final JdbcTemplate jdbc;

	public BarQueries(ConsoleSql sql) {
		this.jdbc = sql.jdbc();
	}

	public BarSeries series(String symbol, BarInterval interval, LocalDate from, LocalDate to) {
		Map<String, BarSeries.Candle> found = new HashMap<>();
		// The instrument's own calendar: futures and SGE spot keep the exchanges'
		// days, FX pairs every weekday.
		String calendar = (interval == BarInterval.D1) ? this.jdbc.queryForObject("""
				select coalesce((select d.calendar_exchange from market.instruments i
					join market.datasets d on i.asset_class = any (d.asset_classes) and d.dataset <> 'minute_1m'
					where i.symbol = ? order by d.dataset limit 1), 'SSE')""", String.class, symbol) : "SSE";
		// A week or month is labelled by its last open day; weekly and monthly bars are
		// kept
		// for the exchanges' instruments, on the SSE calendar.
		TreeSet<LocalDate> days = new TreeSet<>((interval.period() != null)
				? this.jdbc.queryForList(
						"select max(cal_date) from market.trading_calendar where exchange = 'SSE' and is_open "
								+ "and cal_date between date_trunc('" + interval.period() + "', ?::date) and ? "
								+ "group by date_trunc('" + interval.period() + "', cal_date) "
								+ "having max(cal_date) between ? and ?",
						LocalDate.class, from, to.plusMonths(1), from, to)
				: this.jdbc.queryForList("select cal_date from market.trading_calendar where exchange = ? and is_open "
						+ "and cal_date between ? and ?", LocalDate.class, calendar, from, to));
		if (interval.daily()) {
			this.jdbc.query("select trade_date, open, high, low, close, volume, amount from " + interval.table()
					+ " where symbol = ? and trade_date between ? and ? order by trade_date", (rs) -> {
						LocalDate day = rs.getObject(1, LocalDate.class);
						days.add(day);
						found.put(day.toString(), candle(rs));
					}, symbol, from, to);
		}
		else {
			this.jdbc.query("select ts, open, high, low, close, volume, amount from " + interval.table()
					+ " where symbol = ? and ts > ? and ts <= ? order by ts", (rs) -> {
						LocalDateTime end = rs.getObject(1, OffsetDateTime.class)
							.atZoneSameInstant(MARKET_ZONE)
							.toLocalDateTime();
						days.add(end.toLocalDate());
						found.put(MINUTE.format(end), candle(rs));
					}, symbol, from.atStartOfDay(MARKET_ZONE).toOffsetDateTime(),
					to.plusDays(1).atStartOfDay(MARKET_ZONE).toOffsetDateTime());
		}
		List<String> slots = new ArrayList<>();
		for (LocalDate day : days) {
			if (interval.daily()) {
				slots.add(day.toString());
			}
			else {
				for (LocalTime end : interval.sessionEnds()) {
					slots.add(MINUTE.format(day.atTime(end)));
				}
			}
		}
		List<BarSeries.Candle> bars = new ArrayList<>(slots.size());
		int missing = 0;
		for (String slot : slots) {
			BarSeries.Candle candle = found.get(slot);
			bars.add(candle);
			if (candle == null) {
				missing++;
			}
		}
		return new BarSeries(symbol, interval.label(), slots, bars, missing);
	}

	/**
	 * Symbols of the warehouse that start with a prefix.
	 * @param prefix the prefix, for example {@code 6000}
	 * @return at most 20 symbols, sorted
	 */
	public List<String> symbols(String prefix) {
		return this.jdbc.queryForList(
				"select symbol from market.instruments where symbol like ? order by symbol limit 20", String.class,
				prefix.replace("%", "").replace("_", "") + "%");
	}

	private static BarSeries.Candle candle(ResultSet rs) throws SQLException {
		return new BarSeries.Candle(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
				rs.getLong(6), rs.getBigDecimal(7));
	}

}
