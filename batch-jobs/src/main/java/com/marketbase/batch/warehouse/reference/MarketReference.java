package com.marketbase.batch.warehouse.reference;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The warehouse's reference data as jobs need it: the trading calendars and the
 * instruments of every asset class with their listing windows.
 */
public final class MarketReference {

	/** The SSE calendar is the A-share calendar; SZSE and BSE trade on the same days. */
	public static final String A_SHARE_CALENDAR = "SSE";

	// Rows per upsert statement: small enough for every warehouse's protocol limits.
	private static final int SLICE = 25;

	private static final List<Function<Listing, Object>> COLUMNS = List.of(Listing::symbol, Listing::exchange,
			Listing::assetClass, Listing::name, Listing::listDate, Listing::delistDate, Listing::listStatus,
			Listing::tickSize, Listing::lotSize, Listing::currency);

	private final JdbcTemplate jdbc;

	public MarketReference(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Whether the A-share calendar knows every day of a window.
	 * @param start the first day
	 * @param end the last day
	 * @return whether every day has a row
	 */
	public boolean calendarCovers(LocalDate start, LocalDate end) {
		return calendarCovers(A_SHARE_CALENDAR, start, end);
	}

	/**
	 * Whether an exchange's calendar knows every day of a window.
	 * @param exchange the exchange, for example {@code SSE}
	 * @param start the first day
	 * @param end the last day
	 * @return whether every day has a row
	 */
	public boolean calendarCovers(String exchange, LocalDate start, LocalDate end) {
		Integer known = this.jdbc.queryForObject(
				"select count(*) from market.trading_calendar where exchange = ? and cal_date between ? and ?",
				Integer.class, exchange, start, end);
		return known != null && known == start.datesUntil(end.plusDays(1)).count();
	}

	/**
	 * The days of a window an exchange's calendar knows, with whether each is open.
	 * @param exchange the exchange
	 * @param start the first day
	 * @param end the last day
	 * @return day to open, oldest first
	 */
	public Map<LocalDate, Boolean> calendarDays(String exchange, LocalDate start, LocalDate end) {
		Map<LocalDate, Boolean> days = new TreeMap<>();
		this.jdbc.query("select cal_date, is_open from market.trading_calendar where exchange = ? "
				+ "and cal_date between ? and ?", (rs) -> {
					days.put(rs.getObject(1, LocalDate.class), rs.getBoolean(2));
				}, exchange, start, end);
		return days;
	}

	/**
	 * The first and last day an exchange's calendar knows.
	 * @param exchange the exchange
	 * @return the span, or {@code null} when the calendar is empty
	 */
	public @Nullable CalendarSpan calendarSpan(String exchange) {
		return this.jdbc.query("select min(cal_date), max(cal_date) from market.trading_calendar where exchange = ?",
				(rs) -> {
					rs.next();
					LocalDate first = rs.getObject(1, LocalDate.class);
					return (first == null) ? null : new CalendarSpan(first, rs.getObject(2, LocalDate.class));
				}, exchange);
	}

	public List<LocalDate> openDays(LocalDate start, LocalDate end) {
		return openDays(A_SHARE_CALENDAR, start, end);
	}

	/**
	 * The open days of an exchange in a window.
	 * @param exchange the exchange
	 * @param start the first day
	 * @param end the last day
	 * @return the days, oldest first
	 */
	public List<LocalDate> openDays(String exchange, LocalDate start, LocalDate end) {
		return this.jdbc.queryForList(
				"select cal_date from market.trading_calendar where exchange = ? "
						+ "and cal_date between ? and ? and is_open order by cal_date",
				LocalDate.class, exchange, start, end);
	}

	/**
	 * The last open A-share day on or before a day, if the calendar knows one.
	 * @param day the day
	 * @return the open day, or {@code null}
	 */
	public @Nullable LocalDate lastOpenDay(LocalDate day) {
		return lastOpenDay(A_SHARE_CALENDAR, day);
	}

	/**
	 * The last open day of an exchange on or before a day, if the calendar knows one.
	 * @param exchange the exchange
	 * @param day the day
	 * @return the open day, or {@code null}
	 */
	public @Nullable LocalDate lastOpenDay(String exchange, LocalDate day) {
		List<LocalDate> days = this.jdbc.queryForList("select max(cal_date) from market.trading_calendar "
				+ "where exchange = ? and cal_date <= ? and is_open", LocalDate.class, exchange, day);
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
		Integer count = this.jdbc.queryForObject("select count(*) from market.instruments where asset_class <> 'macro'",
				Integer.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Stores what the instrument lists said: listings first, then the re-codings that
	 * link a new code to its old one.
	 * @param items listings and code changes
	 */
	public void storeInstruments(List<ReferenceItem> items) {
		List<Listing> listings = new ArrayList<>();
		List<CodeChange> changes = new ArrayList<>();
		List<FundListing> funds = new ArrayList<>();
		for (ReferenceItem item : items) {
			if (item instanceof Listing listing) {
				listings.add(listing);
			}
			else if (item instanceof CodeChange change) {
				changes.add(change);
			}
			else if (item instanceof FundListing fund) {
				listings.add(fund.listing());
				funds.add(fund);
			}
		}
		storeListings(listings);
		storeFundProfiles(funds);
		changes.forEach(this::storeCodeChange);
	}

	/** Upserts the funds' profiles, like the listings one statement per slice. */
	private void storeFundProfiles(List<FundListing> funds) {
		for (int from = 0; from < funds.size(); from += SLICE) {
			List<FundListing> slice = funds.subList(from, Math.min(funds.size(), from + SLICE));
			this.jdbc.update((connection) -> {
				PreparedStatement statement = connection.prepareStatement("""
						insert into market.funds (symbol, fund_type, money_market, invest_type, management,
							custodian, benchmark, found_date, source)
						select s, t, m::boolean, i, g, c, b, f::date, 'fund_basic'
						from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
							?::text[]) as u(s, t, m, i, g, c, b, f)
						on conflict (symbol) do update set fund_type = excluded.fund_type,
							money_market = excluded.money_market, invest_type = excluded.invest_type,
							management = excluded.management, custodian = excluded.custodian,
							benchmark = excluded.benchmark, found_date = excluded.found_date, updated_at = now()
						""");
				List<Function<FundListing, Object>> columns = List.of((fund) -> fund.listing().symbol(),
						FundListing::fundType, FundListing::moneyMarket, FundListing::investType,
						FundListing::management, FundListing::custodian, FundListing::benchmark,
						FundListing::foundDate);
				for (int c = 0; c < columns.size(); c++) {
					Function<FundListing, Object> column = columns.get(c);
					String[] values = slice.stream().map((fund) -> text(column.apply(fund))).toArray(String[]::new);
					statement.setArray(c + 1, connection.createArrayOf("text", values));
				}
				return statement;
			});
		}
	}

	/**
	 * Upserts listings of any asset class, one statement per slice of rows (no JDBC
	 * batches, so every warehouse mode takes it). What a source leaves empty (a date, as
	 * TDX does) keeps what is known; the listing day of a re-coded code is the day its
	 * new code started and is not reset by a list that gives the first listing.
	 * @param listings the listings
	 */
	public void storeListings(List<Listing> listings) {
		for (int from = 0; from < listings.size(); from += SLICE) {
			List<Listing> slice = listings.subList(from, Math.min(listings.size(), from + SLICE));
			this.jdbc.update((connection) -> {
				PreparedStatement statement = connection.prepareStatement("""
						insert into market.instruments (symbol, exchange, asset_class, name, list_date, delist_date,
							list_status, tick_size, lot_size, currency)
						select s, e, c, n, l::date, d::date, st, t::numeric, lot::integer, cur
						from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
							?::text[], ?::text[], ?::text[]) as u(s, e, c, n, l, d, st, t, lot, cur)
						on conflict (symbol) do update set exchange = excluded.exchange,
							asset_class = excluded.asset_class, name = excluded.name,
							list_date = case when market.instruments.previous_symbol is not null
								then coalesce(market.instruments.list_date, excluded.list_date)
								else coalesce(excluded.list_date, market.instruments.list_date) end,
							delist_date = coalesce(excluded.delist_date, market.instruments.delist_date),
							list_status = excluded.list_status, tick_size = excluded.tick_size,
							lot_size = excluded.lot_size, currency = excluded.currency, updated_at = now()
						""");
				for (int c = 0; c < COLUMNS.size(); c++) {
					Function<Listing, Object> column = COLUMNS.get(c);
					String[] values = slice.stream()
						.map((listing) -> text(column.apply(listing)))
						.toArray(String[]::new);
					statement.setArray(c + 1, connection.createArrayOf("text", values));
				}
				return statement;
			});
		}
	}

	private static String text(Object value) {
		if (value instanceof BigDecimal number) {
			return number.toPlainString();
		}
		return (value != null) ? value.toString() : null;
	}

	/**
	 * Links a re-coded instrument to its old code: both codes get a row (the old one
	 * delisted), the new one names the old as its previous symbol, and its listing day
	 * becomes the day the old code stopped trading, so that the two listing windows
	 * follow each other without overlapping.
	 * @param change the re-coding
	 */
	public void storeCodeChange(CodeChange change) {
		String sql = """
				insert into market.instruments (symbol, exchange, asset_class, name, list_date, list_status,
					tick_size, lot_size)
				values (?, ?, 'stock', ?, ?, ?, 0.01, 100)
				on conflict (symbol) do nothing
				""";
		this.jdbc.update(sql, change.previousSymbol(), Listing.exchangeOf(change.previousSymbol()), change.name(),
				change.listDate(), "D");
		this.jdbc.update(sql, change.symbol(), Listing.exchangeOf(change.symbol()), change.name(), null, "L");
		this.jdbc.update("update market.instruments set list_status = 'D' where symbol = ? and list_status <> 'D'",
				change.previousSymbol());
		this.jdbc.update("""
				update market.instruments n set previous_symbol = o.symbol,
					list_date = coalesce(o.delist_date, n.list_date), updated_at = now()
				from market.instruments o
				where o.symbol = ? and n.symbol = ? and (n.previous_symbol is distinct from o.symbol
					or n.list_date is distinct from coalesce(o.delist_date, n.list_date))
				""", change.previousSymbol(), change.symbol());
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
					and (list_date is null or list_date <= ?) and (delist_date is null or delist_date > ?)
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
		// One removal per known symbol: removeAll of a list as long as the set would look
		// each of the set's symbols up in the list, quadratic in a full market's 5,000.
		this.jdbc
			.queryForList("select symbol from market.instruments where symbol = any (?)", String.class,
					(Object) symbols.toArray(new String[0]))
			.forEach(unknown::remove);
		return unknown;
	}

	/**
	 * The days an exchange's calendar knows.
	 *
	 * @param first the first day
	 * @param last the last day
	 */
	public record CalendarSpan(LocalDate first, LocalDate last) {
	}

}
