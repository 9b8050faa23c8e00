package com.marketbase.batch.job.reconcile;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.marketbase.batch.source.Units;
import com.marketbase.batch.warehouse.Bar;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@code reconcile} reads from the warehouse and the findings it stores. A day is
 * read from midnight to midnight in Beijing; minute bars are labelled by their end.
 */
final class ReconcileStore {

	private static final List<String> BAR_CHECKS = List.of("bars_1m", "bars_5m", "bars_15m", "bars_30m", "bars_60m");

	private static final List<String> DAILY_CHECKS = List.of("daily_vs_minutes", "cross_source_close");

	private final JdbcTemplate jdbc;

	ReconcileStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * The last day of the past month whose minute bars a load completed (nine in ten of
	 * its units complete), not today's while intraday loads are still filling it; without
	 * load records, the last day with minute bars.
	 * @return the day in Beijing, or {@code null} for an empty warehouse
	 */
	@Nullable LocalDate latestDay() {
		// Most of a day's units complete, so that one symbol loaded early does not make
		// the day.
		LocalDate loaded = this.jdbc.queryForObject("select max(trade_date) from (select trade_date from "
				+ "market.load_units where dataset = 'minute_1m' and trade_date > current_date - 30 group by trade_date "
				+ "having count(*) filter (where status = 'complete') >= 0.9 * count(*)) d", LocalDate.class);
		if (loaded != null) {
			return loaded;
		}
		Timestamp last = this.jdbc.queryForObject("select max(ts) from market.bars_1m", Timestamp.class);
		return (last != null) ? last.toInstant().atZone(Units.BEIJING).toLocalDate() : null;
	}

	/**
	 * The symbols a run compares with the source, stocks and ETFs only: those named;
	 * then, up to half the sample, those whose minute bars of the day were written again
	 * after the day ended although the day had been loaded by then (a healed gap, a
	 * reload: where a late correction is likeliest); then a sample of the rest drawn by a
	 * hash of symbol and day, so that a restart draws the same and each day draws others.
	 * The named ones and {@code sample} more at most.
	 * @param parameters the launch
	 * @return the symbols
	 */
	List<String> plan(ReconcileParameters parameters) {
		LocalDate day = parameters.tradeDate();
		LinkedHashSet<String> symbols = new LinkedHashSet<>(parameters.symbols());
		int wanted = parameters.symbols().size() + parameters.sample();
		Timestamp start = start(day);
		Timestamp end = start(day.plusDays(1));
		// Stocks and ETFs only: index bars share the table, but not the endpoints.
		String traded = "select s.symbol from (select distinct symbol from market.bars_1m where ts > ? and ts <= ?) s "
				+ "join market.instruments i on i.symbol = s.symbol and i.asset_class in ('stock', 'etf')";
		// Rewritten after the day ended, when the day had been loaded by then: a heal or
		// a reload. A day first loaded later (a backfill) has none.
		List<String> reloaded = this.jdbc.queryForList("select symbol from (" + traded + ") t where exists ("
				+ "select 1 from market.bars_1m b where b.symbol = t.symbol and b.ts > ? and b.ts <= ? "
				+ "and b.loaded_at >= ?) and exists (select 1 from market.bars_1m b where b.ts > ? and b.ts <= ? "
				+ "and b.loaded_at < ?) order by md5(symbol || ?) limit ?", String.class, start, end, start, end, end,
				start, end, end, day.toString(), parameters.sample() / 2);
		List<String> sample = this.jdbc.queryForList(traded + " order by md5(s.symbol || ?) limit ?", String.class,
				start, end, day.toString(), wanted);
		for (List<String> more : List.of(reloaded, sample)) {
			for (String symbol : more) {
				if (symbols.size() >= wanted) {
					break;
				}
				symbols.add(symbol);
			}
		}
		return List.copyOf(symbols);
	}

	/**
	 * The symbols of some that are no stock or ETF the warehouse lists.
	 * @param symbols the symbols
	 * @return those of them
	 */
	List<String> notTraded(List<String> symbols) {
		if (symbols.isEmpty()) {
			return List.of();
		}
		List<String> listed = this.jdbc.queryForList(
				"select symbol from market.instruments where asset_class in "
						+ "('stock', 'etf') and symbol = any(string_to_array(?, ','))",
				String.class, String.join(",", symbols));
		return symbols.stream().filter((symbol) -> !listed.contains(symbol)).toList();
	}

	/**
	 * The sources a day's minute bars were loaded from.
	 * @param day the day
	 * @return their keys
	 */
	List<String> minuteSources(LocalDate day) {
		return this.jdbc.queryForList("select distinct source from market.bars_1m where ts > ? and ts <= ? limit 5",
				String.class, start(day), start(day.plusDays(1)));
	}

	/**
	 * Our bars of a symbol and day.
	 * @param symbol the instrument
	 * @param minutes 1, 5, 15, 30 or 60
	 * @param day the day
	 * @return the bars, oldest first
	 */
	List<Bar> ourBars(String symbol, int minutes, LocalDate day) {
		if (minutes != 1 && !SymbolReconciler.LENGTHS.contains(minutes)) {
			throw new IllegalArgumentException("no aggregate of " + minutes + " minutes");
		}
		return this.jdbc.query(
				"select symbol, ts, open, high, low, close, volume, amount from market.bars_" + minutes
						+ "m where symbol = ? and ts > ? and ts <= ? order by ts",
				(rs, row) -> new Bar(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3),
						rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7),
						rs.getBigDecimal(8)),
				symbol, start(day), start(day.plusDays(1)));
	}

	/**
	 * A daily bar beside its day's minute bars rolled into one: open of the first, high
	 * and low over all, close of the last, volume and amount summed.
	 *
	 * @param daily the daily bar, labelled 15:00
	 * @param minutes the minutes rolled into one bar
	 * @param dailySource the source the daily bar was loaded from
	 * @param minuteSource the source of the minutes
	 * @param bars how many minute bars the symbol has that day
	 * @param etf whether the instrument is an ETF
	 */
	record DailyRow(Bar daily, Bar minutes, String dailySource, String minuteSource, int bars, boolean etf) {
	}

	/**
	 * Every daily bar of the day that has minute bars, beside them.
	 * @param day the day
	 * @return the rows, by symbol
	 */
	List<DailyRow> dailyRows(LocalDate day) {
		Instant close = Units.beijing(day, LocalTime.of(15, 0));
		return this.jdbc.query("""
				with m as (
					select symbol, (array_agg(open order by ts))[1] as open, max(high) as high, min(low) as low,
						(array_agg(close order by ts desc))[1] as close, sum(volume) as volume, sum(amount) as amount,
						count(*) as bars, min(source) as source
					from market.bars_1m where ts > ? and ts <= ? group by symbol)
				select d.symbol, d.open, d.high, d.low, d.close, d.volume, d.amount, d.source,
					m.open, m.high, m.low, m.close, m.volume, m.amount, m.source, m.bars, i.asset_class = 'etf'
				from market.bars_daily d join m on m.symbol = d.symbol
				join market.instruments i on i.symbol = d.symbol and i.asset_class in ('stock', 'etf')
				where d.trade_date = ? order by d.symbol""",
				(rs, row) -> new DailyRow(
						new Bar(rs.getString(1), close, rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
								rs.getBigDecimal(5), rs.getLong(6), rs.getBigDecimal(7)),
						new Bar(rs.getString(1), close, rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11),
								rs.getBigDecimal(12), rs.getLong(13), rs.getBigDecimal(14)),
						rs.getString(8), rs.getString(15), rs.getInt(16), rs.getBoolean(17)),
				start(day), start(day.plusDays(1)), day);
	}

	/**
	 * Replaces the findings of a day's daily checks.
	 * @param day the day
	 * @param found the findings
	 * @param source the source compared with
	 * @param execution the job execution
	 */
	void replaceDaily(LocalDate day, List<Discrepancy> found, String source, long execution) {
		this.jdbc.update("delete from market.reconcile_findings where trade_date = ? and check_name in (?, ?)", day,
				DAILY_CHECKS.get(0), DAILY_CHECKS.get(1));
		insert(day, found, source, execution);
	}

	/**
	 * Replaces the findings of one symbol's bar checks on a day.
	 * @param day the day
	 * @param symbol the instrument
	 * @param found the findings
	 * @param source the source compared with
	 * @param execution the job execution
	 */
	void replaceBars(LocalDate day, String symbol, List<Discrepancy> found, String source, long execution) {
		this.jdbc.update(
				"delete from market.reconcile_findings where trade_date = ? and symbol = ? "
						+ "and check_name in (?, ?, ?, ?, ?)",
				day, symbol, BAR_CHECKS.get(0), BAR_CHECKS.get(1), BAR_CHECKS.get(2), BAR_CHECKS.get(3),
				BAR_CHECKS.get(4));
		insert(day, found, source, execution);
	}

	/**
	 * The findings of a run by cause: the day's daily checks, and the bar checks of the
	 * symbols it compared (others keep what earlier runs found for them).
	 * @param day the day
	 * @param symbols the symbols compared
	 * @return cause to count
	 */
	Map<String, Long> causes(LocalDate day, Set<String> symbols) {
		Map<String, Long> causes = new TreeMap<>();
		this.jdbc.query("select symbol, check_name, cause, count(*) from market.reconcile_findings "
				+ "where trade_date = ? group by symbol, check_name, cause", (rs) -> {
					if (DAILY_CHECKS.contains(rs.getString(2)) || symbols.contains(rs.getString(1))) {
						causes.merge(rs.getString(3), rs.getLong(4), Long::sum);
					}
				}, day);
		return causes;
	}

	private void insert(LocalDate day, List<Discrepancy> found, String source, long execution) {
		// One statement per row: a day's findings are few, and the TSL target takes no
		// batches.
		for (Discrepancy d : found) {
			this.jdbc.update("""
					insert into market.reconcile_findings (trade_date, symbol, check_name, bar_end, field, ours, theirs,
						cause, convention, detail, source, job_execution_id)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", day, d.symbol(), d.check(),
					(d.barEnd() != null) ? Timestamp.from(d.barEnd()) : null, d.field(), d.ours(), d.theirs(),
					d.cause().key(), d.convention(), d.detail(), source, execution);
		}
	}

	private static Timestamp start(LocalDate day) {
		return Timestamp.from(Units.beijing(day, LocalTime.MIDNIGHT));
	}

}
