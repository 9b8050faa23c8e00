package com.marketbase.batch.coverage;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Asks the warehouse about coverage: the datasets, {@code market.coverage} per dataset
 * and day, {@code market.coverage_gaps} for one day, and the calendar.
 */
public class CoverageQueries {

	private final JdbcTemplate jdbc;

	public CoverageQueries(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * The datasets the warehouse owes, by name.
	 * @return the datasets
	 */
	public List<Dataset> datasets() {
		return this.jdbc.query(
				"select dataset, asset_classes, calendar_exchange, description from market.datasets "
						+ "order by dataset",
				(rs, row) -> new Dataset(rs.getString(1), strings(rs.getArray(2)), rs.getString(3), rs.getString(4)));
	}

	/**
	 * Coverage per dataset and calendar day.
	 * @param dataset one dataset, or {@code null} for all
	 * @param from the first day
	 * @param to the last day
	 * @return the days, by dataset and day
	 */
	public List<CoverageDay> days(@Nullable String dataset, LocalDate from, LocalDate to) {
		return this.jdbc.query("select * from market.coverage(?, ?, ?)", CoverageQueries::day, dataset, from, to);
	}

	/**
	 * The instruments behind a day's partial or missing units.
	 * @param dataset the dataset
	 * @param day the day
	 * @param limit at most this many
	 * @return the gaps, missing ones first
	 */
	public List<CoverageGap> gaps(String dataset, LocalDate day, int limit) {
		return this.jdbc.query("select symbol, status, reason, quarantined from market.coverage_gaps(?, ?) limit ?",
				(rs, row) -> new CoverageGap(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
				dataset, day, limit);
	}

	/**
	 * The rollout switch that keeps a dataset from loading.
	 * @param dataset the dataset
	 * @return its batch switch or module switch when off, or {@code null}
	 */
	public @Nullable String switchedOff(String dataset) {
		// The batch switch first: a module of a batch that is off is off with it.
		List<String> off = this.jdbc.queryForList("""
				select coalesce(
					(select b.name from market.rollout_switches b
						where b.kind = 'batch' and b.batch = d.rollout_batch and not b.value),
					(select m.name from market.rollout_switches m where m.name = d.rollout_switch and not m.value))
				from market.datasets d where d.dataset = ?""", String.class, dataset);
		return off.isEmpty() ? null : off.get(0);
	}

	/**
	 * Whether the exchange's calendar has a row for a day.
	 * @param exchange the exchange
	 * @param day the day
	 * @return {@code null} when the calendar does not know the day, otherwise whether it
	 * is open
	 */
	public @Nullable Boolean isOpen(String exchange, LocalDate day) {
		List<Boolean> open = this.jdbc.queryForList(
				"select is_open from market.trading_calendar where exchange = ? and cal_date = ?", Boolean.class,
				exchange, day);
		return open.isEmpty() ? null : open.get(0);
	}

	/**
	 * The latest open day of an exchange on or before a day.
	 * @param exchange the exchange
	 * @param day the day
	 * @return the open day, or {@code null} when the calendar has none
	 */
	public @Nullable LocalDate lastOpenDay(String exchange, LocalDate day) {
		return this.jdbc.queryForObject(
				"select max(cal_date) from market.trading_calendar where exchange = ? and is_open and cal_date <= ?",
				LocalDate.class, exchange, day);
	}

	/**
	 * Open days of an exchange in a range, oldest first.
	 * @param exchange the exchange
	 * @param from the first day
	 * @param to the last day
	 * @return the open days
	 */
	public List<LocalDate> openDays(String exchange, LocalDate from, LocalDate to) {
		return this.jdbc.queryForList("select cal_date from market.trading_calendar where exchange = ? and is_open "
				+ "and cal_date between ? and ? order by cal_date", LocalDate.class, exchange, from, to);
	}

	private static CoverageDay day(ResultSet rs, int row) throws SQLException {
		return new CoverageDay(rs.getString("dataset"), rs.getObject("trade_date", LocalDate.class),
				rs.getString("day_state"), rs.getLong("instruments"), rs.getLong("complete"), rs.getLong("partial"),
				rs.getLong("missing"), rs.getLong("suspended"), rs.getLong("not_listed"), rs.getLong("delisted"),
				rs.getLong("in_progress"));
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

}
