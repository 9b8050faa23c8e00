package com.marketbase.batch.job;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import com.marketbase.batch.source.Instrument;
import com.marketbase.batch.source.TradingDay;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The warehouse's reference data as jobs need it: the A-share trading calendar and the
 * instruments listed in a window.
 */
public final class MarketReference {

	/** The SSE calendar is the A-share calendar; SZSE and BSE trade on the same days. */
	public static final String A_SHARE_CALENDAR = "SSE";

	private final JdbcTemplate jdbc;

	public MarketReference(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Whether the calendar knows every day of a window.
	 * @param start the first day
	 * @param end the last day
	 * @return whether every day has a row
	 */
	public boolean calendarCovers(LocalDate start, LocalDate end) {
		Integer known = this.jdbc.queryForObject(
				"select count(*) from market.trading_calendar " + "where exchange = ? and cal_date between ? and ?",
				Integer.class, A_SHARE_CALENDAR, start, end);
		return known != null && known == start.datesUntil(end.plusDays(1)).count();
	}

	public List<LocalDate> openDays(LocalDate start, LocalDate end) {
		return this.jdbc.queryForList(
				"select cal_date from market.trading_calendar where exchange = ? "
						+ "and cal_date between ? and ? and is_open order by cal_date",
				LocalDate.class, A_SHARE_CALENDAR, start, end);
	}

	/**
	 * The last open day on or before a day, if the calendar knows one.
	 * @param day the day
	 * @return the open day, or {@code null}
	 */
	public @Nullable LocalDate lastOpenDay(LocalDate day) {
		List<LocalDate> days = this.jdbc.queryForList("select max(cal_date) from market.trading_calendar "
				+ "where exchange = ? and cal_date <= ? and is_open", LocalDate.class, A_SHARE_CALENDAR, day);
		return days.isEmpty() ? null : days.get(0);
	}

	public void storeCalendar(Collection<TradingDay> days) {
		this.jdbc.batchUpdate("""
				insert into market.trading_calendar (exchange, cal_date, is_open, previous_open_date)
				values (?, ?, ?, ?)
				on conflict (exchange, cal_date) do update set is_open = excluded.is_open,
					previous_open_date = excluded.previous_open_date
				""", new ArrayList<>(days), 500, (ps, day) -> {
			ps.setString(1, day.exchange());
			ps.setObject(2, day.date());
			ps.setBoolean(3, day.open());
			ps.setObject(4, day.previousOpen());
		});
	}

	public int instrumentCount() {
		Integer count = this.jdbc.queryForObject("select count(*) from market.instruments", Integer.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Stores A-shares and exchange funds as a source lists them, keeping what is known
	 * already.
	 * @param instruments the instruments
	 */
	public void storeShares(Collection<Instrument> instruments) {
		this.jdbc.batchUpdate("""
				insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, lot_size)
				values (?, ?, ?, ?, ?, ?, 100)
				on conflict (symbol) do update set name = excluded.name,
					list_date = coalesce(excluded.list_date, market.instruments.list_date), updated_at = now()
				""", new ArrayList<>(instruments), 500, (ps, instrument) -> {
			boolean fund = isExchangeFund(instrument.symbol());
			ps.setString(1, instrument.symbol());
			ps.setString(2, instrument.exchange());
			ps.setString(3, fund ? "etf" : "stock");
			ps.setString(4, instrument.name());
			ps.setObject(5, instrument.listDate());
			ps.setBigDecimal(6, new java.math.BigDecimal(fund ? "0.001" : "0.01"));
		});
	}

	/**
	 * A-shares and ETFs listed at some time within a window, optionally of one exchange.
	 * @param exchange {@code SH}, {@code SZ}, {@code BJ}, or {@code null} for all
	 * @param start the first day
	 * @param end the last day
	 * @return the symbols, sorted
	 */
	public List<String> listedShares(@Nullable String exchange, LocalDate start, LocalDate end) {
		String suffix = (exchange != null) ? "%." + exchange.toUpperCase(Locale.ROOT) : "%";
		return this.jdbc.queryForList("""
				select symbol from market.instruments
				where asset_class in ('stock', 'etf') and symbol like ?
					and (list_date is null or list_date <= ?) and (delist_date is null or delist_date >= ?)
				order by symbol
				""", String.class, suffix, end, start);
	}

	/**
	 * The symbols the warehouse does not know.
	 * @param symbols the symbols to check
	 * @return the unknown ones, sorted
	 */
	public Set<String> unknown(Collection<String> symbols) {
		Set<String> unknown = new TreeSet<>(symbols);
		unknown.removeAll(this.jdbc.queryForList("select symbol from market.instruments where symbol = any (?)",
				String.class, (Object) symbols.toArray(new String[0])));
		return unknown;
	}

	// SH funds 50-58xxxx, SZ funds 15-16xxxx.
	private static boolean isExchangeFund(String symbol) {
		return symbol.matches("5[0-8]\\d{4}\\.SH|1[56]\\d{4}\\.SZ");
	}

}
