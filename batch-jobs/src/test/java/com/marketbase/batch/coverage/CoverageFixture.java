package com.marketbase.batch.coverage;

import java.time.LocalDate;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A week of the SSE calendar with five instruments that exercise every rule of coverage,
 * written with single statements (the TSL target takes no batches):
 * <ul>
 * <li>2026-11-16 to 2026-11-20 open except 11-19 (a holiday); 11-21 and 11-22 closed;
 * nothing known from 11-23 on</li>
 * <li>600000.SH: listed long ago; complete every open day but 11-17, which is
 * partial</li>
 * <li>600001.SH: a new listing on 11-18; a stray unit on 11-17 does not count</li>
 * <li>600002.SH: delisted on 11-18; a stray unit on 11-18 does not count</li>
 * <li>600003.SH: suspended on 11-17, no unit on 11-18 (missing), failed and quarantined
 * on 11-20</li>
 * <li>510300.SH: an ETF, complete every open day (minute_1m and etf_daily cover it, daily
 * does not)</li>
 * </ul>
 */
public final class CoverageFixture {

	public static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);

	public static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);

	public static final LocalDate SUNDAY = LocalDate.of(2026, 11, 22);

	private CoverageFixture() {
	}

	public static void seed(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		day(jdbc, "2026-11-16", true);
		day(jdbc, "2026-11-17", true);
		day(jdbc, "2026-11-18", true);
		day(jdbc, "2026-11-19", false);
		day(jdbc, "2026-11-20", true);
		day(jdbc, "2026-11-21", false);
		day(jdbc, "2026-11-22", false);
		instrument(jdbc, "600000.SH", "stock", "2001-01-01", null);
		instrument(jdbc, "600001.SH", "stock", "2026-11-18", null);
		instrument(jdbc, "600002.SH", "stock", "2003-01-01", "2026-11-18");
		instrument(jdbc, "600003.SH", "stock", "2004-01-01", null);
		instrument(jdbc, "510300.SH", "etf", "2012-05-28", null);
		for (String dataset : new String[] { "minute_1m", "daily", "etf_daily" }) {
			for (String day : new String[] { "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-20" }) {
				unit(jdbc, dataset, "600000.SH", day, day.equals("2026-11-17") ? "partial" : "complete");
				unit(jdbc, dataset, "510300.SH", day, "complete");
			}
			unit(jdbc, dataset, "600001.SH", "2026-11-17", "complete");
			unit(jdbc, dataset, "600001.SH", "2026-11-18", "complete");
			unit(jdbc, dataset, "600001.SH", "2026-11-20", "complete");
			unit(jdbc, dataset, "600002.SH", "2026-11-16", "complete");
			unit(jdbc, dataset, "600002.SH", "2026-11-17", "complete");
			unit(jdbc, dataset, "600002.SH", "2026-11-18", "complete");
			unit(jdbc, dataset, "600003.SH", "2026-11-16", "complete");
			unit(jdbc, dataset, "600003.SH", "2026-11-17", "suspended");
			unit(jdbc, dataset, "600003.SH", "2026-11-20", "failed");
			jdbc.update(
					"insert into market.failed_work_units (dataset, unit_key, source, retry_count, last_error, "
							+ "quarantined_at) values (?, '600003.SH/2026-11-20', 'sandbox', 5, 'HTTP 500', now())",
					dataset);
		}
	}

	/**
	 * Records a unit as a job does: an upsert of one row.
	 * @param jdbc the warehouse
	 * @param dataset the dataset
	 * @param symbol the instrument
	 * @param day the day
	 * @param status the unit's status
	 */
	public static void unit(JdbcTemplate jdbc, String dataset, String symbol, String day, String status) {
		boolean loaded = status.equals("complete") || status.equals("partial");
		jdbc.update(
				"""
						insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, rows_expected, reason, source)
						values (?, ?, ?::date, ?, ?, 240, ?, 'sandbox')
						on conflict (dataset, symbol, trade_date) do update set status = excluded.status,
							rows_loaded = excluded.rows_loaded, reason = excluded.reason, updated_at = now()
						""",
				dataset, symbol, day, status, status.equals("partial") ? 200 : loaded ? 240 : 0,
				status.equals("partial") ? "first missing minute 14:21" : status.equals("failed") ? "HTTP 500" : null);
	}

	public static void day(JdbcTemplate jdbc, String day, boolean open) {
		jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('SSE', ?::date, ?)", day,
				open);
	}

	public static void instrument(JdbcTemplate jdbc, String symbol, String assetClass, String listed, String delisted) {
		jdbc.update(
				"insert into market.instruments (symbol, exchange, asset_class, name, list_date, delist_date, "
						+ "tick_size, lot_size) values (?, 'SSE', ?, ?, ?::date, ?::date, 0.01, 100)",
				symbol, assetClass, "Name of " + symbol, listed, delisted);
	}

}
