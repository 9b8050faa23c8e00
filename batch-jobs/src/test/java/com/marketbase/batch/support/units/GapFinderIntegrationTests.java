package com.marketbase.batch.support.units;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.TestWarehouse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a dataset owes and misses, and the adjusted views of daily bars, in every
 * warehouse mode. The rows are seeded with single statements, which every target accepts.
 */
class GapFinderIntegrationTests {

	private static final LocalDate MON = LocalDate.of(2026, 11, 16);

	private static final LocalDate TUE = MON.plusDays(1);

	private static final LocalDate WED = MON.plusDays(2);

	private static final LocalDate THU = MON.plusDays(3);

	private static final LocalDate FRI = MON.plusDays(4);

	// The reference: each unit's rows counted on their own through the primary key.
	private static final String PROBED_BARS = "(select count(*) from market.bars_1m b where b.symbol = i.symbol "
			+ "and b.ts >= (c.cal_date::timestamp at time zone 'Asia/Shanghai') "
			+ "and b.ts < ((c.cal_date + 1)::timestamp at time zone 'Asia/Shanghai')) "
			+ ">= greatest(coalesce(u.rows_expected, 1), 1)";

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void findsTheUnitsThatAreNotHeldAndSkipsQuarantinedOnes(TestWarehouse warehouse) {
		DataSource dataSource = warehouse.dataSource();
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		// Wednesday is a holiday.
		week(jdbc, WED);
		instrument(jdbc, "600000.SH", "stock", LocalDate.of(2000, 1, 4), null);
		// Lists on Tuesday; delists on Thursday, so Thursday is no longer owed.
		instrument(jdbc, "600001.SH", "stock", TUE, null);
		instrument(jdbc, "600002.SH", "stock", LocalDate.of(2000, 1, 4), THU);
		instrument(jdbc, "000300.SH", "index", LocalDate.of(2005, 1, 4), null);
		// 600000.SH: Monday held; Tuesday complete but its bar deleted; Thursday
		// suspended; Friday empty.
		unit(jdbc, "600000.SH", MON, "complete");
		bar(jdbc, "600000.SH", MON);
		unit(jdbc, "600000.SH", TUE, "complete");
		unit(jdbc, "600000.SH", THU, "suspended");
		unit(jdbc, "600000.SH", FRI, "empty");
		// 600001.SH: Tuesday partial, Thursday failed, Friday held.
		unit(jdbc, "600001.SH", TUE, "partial");
		bar(jdbc, "600001.SH", TUE);
		unit(jdbc, "600001.SH", THU, "failed");
		unit(jdbc, "600001.SH", FRI, "complete");
		bar(jdbc, "600001.SH", FRI);
		// 600002.SH: Monday failed and quarantined; Tuesday never loaded.
		unit(jdbc, "600002.SH", MON, "failed");
		jdbc.update("insert into market.failed_work_units (dataset, unit_key, source, retry_count, last_error, "
				+ "quarantined_at) values ('daily', '600002.SH/2026-11-16', 'tushare', 2, 'rejected', now())");
		// Another dataset's units do not count.
		jdbc.update("insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, rows_expected, "
				+ "source) values ('minute_1m', '600002.SH', ?, 'complete', 240, 240, 'tushare')", TUE);

		GapFinder finder = new GapFinder(dataSource, "daily", GapFinder.DAILY_BARS);

		// Friday's empty day last: a retry of it is the least likely to find bars.
		assertThat(finder.missing(null, MON, FRI)).containsExactly(new SymbolDay("600001.SH", THU),
				new SymbolDay("600000.SH", TUE), new SymbolDay("600001.SH", TUE), new SymbolDay("600002.SH", TUE),
				new SymbolDay("600000.SH", FRI));
		assertThat(finder.missing(List.of("600001.SH"), MON, WED)).containsExactly(new SymbolDay("600001.SH", TUE));
		assertThat(finder.owed(null, MON, FRI)).hasSize(8)
			.doesNotContain(new SymbolDay("600002.SH", MON), new SymbolDay("600002.SH", THU),
					new SymbolDay("600001.SH", MON));
		assertThat(finder.quarantined()).containsExactly(new SymbolDay("600002.SH", MON));
		assertThat(finder.instrumentCount()).isEqualTo(3);
		assertThat(finder.firstCalendarDay()).isEqualTo(MON);
		assertThat(new GapFinder(dataSource, "index_daily", GapFinder.DAILY_BARS).missing(null, MON, FRI))
			.extracting(SymbolDay::symbol)
			.containsOnly("000300.SH")
			.hasSize(4);
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void offersDaysThatCameBackEmptyLastTheLeastRecentlyTriedFirst(TestWarehouse warehouse) {
		DataSource dataSource = warehouse.dataSource();
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		week(jdbc, null);
		instrument(jdbc, "600000.SH", "stock", LocalDate.of(2000, 1, 4), null);
		instrument(jdbc, "600001.SH", "stock", LocalDate.of(2000, 1, 4), null);
		// 600000.SH came back empty every day but Monday, Friday tried longest ago and
		// Thursday most recently; 600001.SH holds every day but Monday, never loaded.
		unit(jdbc, "600000.SH", MON, "complete");
		bar(jdbc, "600000.SH", MON);
		Map<LocalDate, Integer> triedHoursAgo = Map.of(TUE, 3, WED, 2, THU, 1, FRI, 4);
		triedHoursAgo.forEach((day, hours) -> {
			unit(jdbc, "600000.SH", day, "empty");
			jdbc.update("update market.load_units set updated_at = now() - make_interval(hours => ?) "
					+ "where symbol = '600000.SH' and trade_date = ?", hours, day);
		});
		for (LocalDate day = TUE; !day.isAfter(FRI); day = day.plusDays(1)) {
			unit(jdbc, "600001.SH", day, "complete");
			bar(jdbc, "600001.SH", day);
		}

		assertThat(new GapFinder(dataSource, "daily", GapFinder.DAILY_BARS).missing(null, MON, FRI)).containsExactly(
				new SymbolDay("600001.SH", MON), new SymbolDay("600000.SH", FRI), new SymbolDay("600000.SH", TUE),
				new SymbolDay("600000.SH", WED), new SymbolDay("600000.SH", THU));
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void countsAnIntradayUnitsRowsInItsBeijingDayAsAProbeOfEachUnitWould(TestWarehouse warehouse) {
		DataSource dataSource = warehouse.dataSource();
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		week(jdbc, null);
		for (String symbol : List.of("600000.SH", "600001.SH", "600002.SH")) {
			instrument(jdbc, symbol, "stock", LocalDate.of(2000, 1, 4), null);
			for (LocalDate day = MON; !day.isAfter(FRI); day = day.plusDays(1)) {
				jdbc.update(
						"insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, "
								+ "rows_expected, source) values ('minute_1m', ?, ?, 'complete', 2, 2, 'tushare')",
						symbol, day);
			}
		}
		// 600000.SH: Monday's first and last minute; Tuesday one bar and one that is
		// Wednesday's (midnight in Beijing), so Tuesday is short and Wednesday too.
		minuteBar(jdbc, "600000.SH", MON, 0, 0);
		minuteBar(jdbc, "600000.SH", MON, 23, 59);
		minuteBar(jdbc, "600000.SH", TUE, 9, 31);
		minuteBar(jdbc, "600000.SH", WED, 0, 0);
		// 600001.SH: Thursday held; Friday expects nothing, so one bar holds it.
		minuteBar(jdbc, "600001.SH", THU, 9, 31);
		minuteBar(jdbc, "600001.SH", THU, 15, 0);
		jdbc.update("update market.load_units set rows_expected = 0 where symbol = '600001.SH' and trade_date = ?",
				FRI);
		minuteBar(jdbc, "600001.SH", FRI, 10, 0);
		// 600002.SH: every day held, and Friday one bar more than expected.
		for (LocalDate day = MON; !day.isAfter(FRI); day = day.plusDays(1)) {
			minuteBar(jdbc, "600002.SH", day, 9, 31);
			minuteBar(jdbc, "600002.SH", day, 9, 32);
		}
		minuteBar(jdbc, "600002.SH", FRI, 9, 33);
		// Wednesday's day of 600002.SH came back empty, bars or not: offered last.
		// Monday's
		// of 600001.SH is quarantined: never offered.
		jdbc.update("update market.load_units set status = 'empty' where symbol = '600002.SH' and trade_date = ?", WED);
		jdbc.update("insert into market.failed_work_units (dataset, unit_key, source, retry_count, last_error, "
				+ "quarantined_at) values ('minute_1m', '600001.SH/2026-11-16', 'tushare', 2, 'rejected', now())");

		GapFinder counting = GapFinder.countingRows(dataSource, "minute_1m", "market.bars_1m");
		GapFinder probing = new GapFinder(dataSource, "minute_1m", PROBED_BARS);

		// Newest day first, then by symbol; the empty day last.
		assertThat(counting.missing(null, MON, FRI))
			.containsExactly(new SymbolDay("600000.SH", FRI), new SymbolDay("600000.SH", THU),
					new SymbolDay("600000.SH", WED), new SymbolDay("600001.SH", WED), new SymbolDay("600000.SH", TUE),
					new SymbolDay("600001.SH", TUE), new SymbolDay("600002.SH", WED))
			.isEqualTo(probing.missing(null, MON, FRI));
		for (List<String> symbols : List.of(List.of("600000.SH"), List.of("600001.SH", "600002.SH"))) {
			for (LocalDate[] window : new LocalDate[][] { { MON, MON }, { TUE, WED }, { WED, FRI } }) {
				assertThat(counting.missing(symbols, window[0], window[1]))
					.as("%s from %s to %s", symbols, window[0], window[1])
					.isEqualTo(probing.missing(symbols, window[0], window[1]));
			}
		}
		assertThat(counting.missing(List.of("600000.SH"), TUE, TUE)).containsExactly(new SymbolDay("600000.SH", TUE));
		// Every unit of the week but the quarantined one.
		assertThat(counting.owed(null, MON, FRI)).isEqualTo(probing.owed(null, MON, FRI)).hasSize(14);
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void adjustsPricesForwardAndBackAcrossAFactorChange(TestWarehouse warehouse) {
		DataSource dataSource = warehouse.dataSource();
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		// An ex-dividend day on Tuesday: the factor rises from 1.0 to 1.05.
		dailyBar(jdbc, MON, "10.00", "1.000000");
		dailyBar(jdbc, TUE, "9.50", "1.050000");
		dailyBar(jdbc, THU, "9.60", "1.050000");
		// A bar without a factor (from a source that has none) is left out of both.
		jdbc.update("insert into market.bars_daily (symbol, trade_date, open, high, low, close, volume, amount, "
				+ "source, load_batch_id) values ('600001.SH', ?, 1, 1, 1, 1, 100, 100, 'tdx', 1)", MON);

		Map<LocalDate, BigDecimal> back = closes(jdbc, "market.bars_daily_back_adjusted");
		Map<LocalDate, BigDecimal> forward = closes(jdbc, "market.bars_daily_forward_adjusted");

		assertThat(back).containsOnlyKeys(MON, TUE, THU);
		assertThat(back.get(MON)).isEqualByComparingTo("10.00");
		assertThat(back.get(TUE)).isEqualByComparingTo("9.975");
		assertThat(back.get(THU)).isEqualByComparingTo("10.08");
		// Forward: history scaled to the latest factor, the latest day as traded.
		assertThat(forward.get(THU)).isEqualByComparingTo("9.60");
		assertThat(forward.get(TUE)).isEqualByComparingTo("9.50");
		assertThat(forward.get(MON).setScale(6, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("9.523810");
		assertThat(jdbc.queryForObject(
				"select count(*) from market.bars_daily_forward_adjusted " + "where symbol = '600001.SH'",
				Integer.class))
			.isZero();
	}

	private static Map<LocalDate, BigDecimal> closes(JdbcTemplate jdbc, String view) {
		Map<LocalDate, BigDecimal> closes = new java.util.TreeMap<>();
		jdbc.query("select trade_date, close from " + view + " where symbol = '600000.SH'", (rs) -> {
			closes.put(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2));
		});
		return closes;
	}

	private static void dailyBar(JdbcTemplate jdbc, LocalDate day, String close, String factor) {
		jdbc.update("insert into market.bars_daily (symbol, trade_date, open, high, low, close, volume, amount, "
				+ "adj_factor, source, load_batch_id) values ('600000.SH', ?, ?, ?, ?, ?, 1000, 10000, ?, 'tushare', 1)",
				day, new BigDecimal(close), new BigDecimal(close), new BigDecimal(close), new BigDecimal(close),
				new BigDecimal(factor));
	}

	private static void instrument(JdbcTemplate jdbc, String symbol, String assetClass, LocalDate listed,
			LocalDate delisted) {
		jdbc.update(
				"insert into market.instruments (symbol, exchange, asset_class, name, list_date, delist_date, "
						+ "tick_size, lot_size) values (?, 'SSE', ?, ?, ?, ?, 0.01, 100)",
				symbol, assetClass, symbol, listed, delisted);
	}

	// Monday to Friday on the SSE calendar, open but for the holiday.
	private static void week(JdbcTemplate jdbc, @Nullable LocalDate holiday) {
		for (LocalDate day = MON; !day.isAfter(FRI); day = day.plusDays(1)) {
			jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('SSE', ?, ?)", day,
					!day.equals(holiday));
		}
	}

	private static void unit(JdbcTemplate jdbc, String symbol, LocalDate day, String status) {
		jdbc.update("insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, rows_expected, "
				+ "source) values ('daily', ?, ?, ?, 0, 1, 'tushare')", symbol, day, status);
	}

	private static void minuteBar(JdbcTemplate jdbc, String symbol, LocalDate day, int hour, int minute) {
		jdbc.update(
				"insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
						+ "load_batch_id) values (?, ?, 10, 10, 10, 10, 100, 1000, 'tushare', 1)",
				symbol, day.atTime(hour, minute).atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime());
	}

	private static void bar(JdbcTemplate jdbc, String symbol, LocalDate day) {
		jdbc.update("insert into market.bars_daily (symbol, trade_date, open, high, low, close, volume, amount, "
				+ "source, load_batch_id) values (?, ?, 10, 10, 10, 10, 100, 1000, 'tushare', 1)", symbol, day);
	}

}
