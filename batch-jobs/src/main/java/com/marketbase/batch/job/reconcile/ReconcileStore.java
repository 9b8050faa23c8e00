package com.marketbase.batch.job.reconcile;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.marketbase.batch.job.reconcile.BarComparison.FieldDifference;
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
	 * The last day with minute bars.
	 * @return the day in Beijing, or {@code null} for an empty warehouse
	 */
	@Nullable LocalDate latestDay() {
		Timestamp last = this.jdbc.queryForObject("select max(ts) from market.bars_1m", Timestamp.class);
		return (last != null) ? last.toInstant().atZone(Units.BEIJING).toLocalDate() : null;
	}

	/**
	 * The symbols a run compares with the source: those named, then those whose minute
	 * bars of the day were written again an hour or more after the day's first load (a
	 * healed gap, a reload: where a late correction is likeliest), then a sample of the
	 * rest drawn by a hash of symbol and day, so that a restart draws the same and each
	 * day draws others; the named ones and {@code sample} more at most.
	 * @param parameters the launch
	 * @return the symbols
	 */
	List<String> plan(ReconcileParameters parameters) {
		LocalDate day = parameters.tradeDate();
		LinkedHashSet<String> symbols = new LinkedHashSet<>(parameters.symbols());
		int wanted = parameters.symbols().size() + parameters.sample();
		Timestamp start = start(day);
		Timestamp end = start(day.plusDays(1));
		List<String> reloaded = this.jdbc.queryForList("""
				with day as (select symbol, loaded_at from market.bars_1m where ts > ? and ts <= ?)
				select distinct symbol from day where loaded_at >= (select min(loaded_at) from day) + interval '1 hour'
				order by symbol limit ?""", String.class, start, end, wanted);
		List<String> sample = this.jdbc
			.queryForList("select symbol from (select distinct symbol from market.bars_1m where ts > ? and ts <= ?) s "
					+ "order by md5(symbol || ?) limit ?", String.class, start, end, day.toString(), wanted);
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
	 * Compares every daily bar of the day with the day's minute bars: open of the first,
	 * high and low over all, close of the last, volume and amount summed. A daily bar
	 * loaded from another source than its minutes has its close compared as the two
	 * sources' closes.
	 * @param day the day
	 * @return the differences, at most one per symbol and check
	 */
	List<Discrepancy> dailyAgainstMinutes(LocalDate day) {
		List<Discrepancy> found = new ArrayList<>();
		List<Object[]> rows = this.jdbc.query("""
				with m as (
					select symbol, (array_agg(open order by ts))[1] as open, max(high) as high, min(low) as low,
						(array_agg(close order by ts desc))[1] as close, sum(volume) as volume, sum(amount) as amount,
						count(*) as bars, min(source) as source
					from market.bars_1m where ts > ? and ts <= ? group by symbol)
				select d.symbol, d.open, d.high, d.low, d.close, d.volume, d.amount, d.source,
					m.open, m.high, m.low, m.close, m.volume, m.amount, m.source, m.bars
				from market.bars_daily d join m on m.symbol = d.symbol
				where d.trade_date = ? order by d.symbol""", (rs, row) -> {
			Instant close = Units.beijing(day, LocalTime.of(15, 0));
			Bar daily = new Bar(rs.getString(1), close, rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
					rs.getBigDecimal(5), rs.getLong(6), rs.getBigDecimal(7));
			Bar minutes = new Bar(rs.getString(1), close, rs.getBigDecimal(9), rs.getBigDecimal(10),
					rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getLong(13), rs.getBigDecimal(14));
			return new Object[] { daily, minutes, rs.getString(8), rs.getString(15), rs.getInt(16) };
		}, start(day), start(day.plusDays(1)), day);
		int expected = 0;
		for (Object[] row : rows) {
			expected = Math.max(expected, (Integer) row[4]);
		}
		for (Object[] row : rows) {
			Bar daily = (Bar) row[0];
			Bar minutes = (Bar) row[1];
			String dailySource = (String) row[2];
			String minuteSource = (String) row[3];
			int bars = (Integer) row[4];
			List<FieldDifference> differences = BarComparison.differences(daily, minutes);
			if (differences.isEmpty()) {
				continue;
			}
			String values = BarComparison.describe(differences) + ", the daily bar's against the minutes'";
			FieldDifference first = differences.get(0);
			if (bars < expected) {
				found.add(new Discrepancy(daily.symbol(), "daily_vs_minutes", null, first.field(), first.ours(),
						first.theirs(), Cause.INCOMPLETE_MINUTES, "only " + bars + " of the day's " + expected
								+ " minute bars are loaded (" + values + "); the gaps report shows which"));
				continue;
			}
			boolean twoSources = !dailySource.equals(minuteSource);
			List<FieldDifference> rest = differences;
			if (twoSources && differences.stream().anyMatch((d) -> d.field().equals("close"))) {
				FieldDifference close = differences.stream().filter((d) -> d.field().equals("close")).findFirst().get();
				found.add(new Discrepancy(daily.symbol(), "cross_source_close", null, "close", close.ours(),
						close.theirs(), Cause.SOURCE_DISAGREEMENT,
						dailySource + "'s daily close " + close.ours().stripTrailingZeros().toPlainString()
								+ " against " + minuteSource + "'s last minute close "
								+ close.theirs().stripTrailingZeros().toPlainString()));
				rest = differences.stream().filter((d) -> !d.field().equals("close")).toList();
			}
			if (!rest.isEmpty()) {
				FieldDifference shown = rest.get(0);
				found.add(new Discrepancy(daily.symbol(), "daily_vs_minutes", null, shown.field(), shown.ours(),
						shown.theirs(), Cause.SOURCE_DISAGREEMENT,
						(twoSources ? dailySource + "'s daily bar and " + minuteSource + "'s minute bars disagree ("
								: "the source's daily bar and its minute bars disagree (")
								+ BarComparison.describe(rest) + ", the daily bar's against the minutes')"));
			}
		}
		return found;
	}

	/**
	 * How many daily bars of the day have minute bars to compare with.
	 * @param day the day
	 * @return the count
	 */
	int dailyCompared(LocalDate day) {
		Integer count = this.jdbc.queryForObject("select count(*) from market.bars_daily d where d.trade_date = ? "
				+ "and exists (select 1 from market.bars_1m m where m.symbol = d.symbol and m.ts > ? and m.ts <= ?)",
				Integer.class, day, start(day), start(day.plusDays(1)));
		return (count != null) ? count : 0;
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
	 * The findings of a day by cause, conventions apart.
	 * @param day the day
	 * @return cause to count, differences first
	 */
	Map<String, Long> causes(LocalDate day) {
		Map<String, Long> causes = new TreeMap<>();
		this.jdbc.query("select cause, count(*) from market.reconcile_findings where trade_date = ? group by cause",
				(rs) -> {
					causes.put(rs.getString(1), rs.getLong(2));
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
