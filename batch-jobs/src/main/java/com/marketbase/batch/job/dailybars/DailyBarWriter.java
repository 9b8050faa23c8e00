package com.marketbase.batch.job.dailybars;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.marketbase.batch.job.LoadProgress;
import com.marketbase.batch.job.gaps.GapFinder;
import com.marketbase.batch.job.gaps.SymbolDay;
import com.marketbase.batch.job.gaps.UnitFailures;
import com.marketbase.batch.source.DailyBar;
import com.marketbase.batch.source.RejectedRow;
import com.marketbase.batch.source.Units;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a chunk of fetches in the chunk's transaction, touching exactly the units the
 * run is to load: in incremental mode those still missing when the chunk is written (so a
 * restarted fetch never rewrites what an earlier chunk stored), in full mode every unit
 * owed. Per unit it stores the bar with its adjustment factor and records the outcome in
 * {@code market.load_units}: complete; partial (a bar without the factor the source
 * should have given); suspended (no bar, and the source lists the day as suspended);
 * empty (no bar, a hole); failed (the rows were impossible, or the fetch failed), with
 * the failure kept for the next run's retry or quarantine.
 */
class DailyBarWriter implements ItemWriter<FetchedDaily> {

	// Tushare rows carry the day as "20261120", TDX klines as
	// "2026-11-20T15:00:00+08:00".
	private static final Pattern DAY_IN_PAYLOAD = Pattern.compile("\"(\\d{8})\"|\"(\\d{4}-\\d{2}-\\d{2})");

	private final JdbcTemplate jdbc;

	private final DailyDataset dataset;

	private final GapFinder finder;

	private final UnitFailures failures;

	private final DailyFeed feed;

	private final long loadBatch;

	private final long jobExecution;

	private final @Nullable List<String> symbols;

	private final boolean full;

	private final LoadProgress progress;

	DailyBarWriter(DataSource dataSource, Context context, GapFinder finder, UnitFailures failures, DailyFeed feed,
			LoadProgress progress) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.dataset = context.dataset();
		this.finder = finder;
		this.failures = failures;
		this.feed = feed;
		this.loadBatch = context.loadBatch();
		this.jobExecution = context.jobExecution();
		this.symbols = context.symbols().isEmpty() ? null : context.symbols();
		this.full = context.full();
		this.progress = progress;
	}

	@Override
	public void write(Chunk<? extends FetchedDaily> chunk) {
		List<Stored> bars = new ArrayList<>();
		List<Outcome> outcomes = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		List<UnitFailures.Failure> failed = new ArrayList<>();
		for (FetchedDaily fetched : chunk) {
			rejected.addAll(fetched.rejected());
			settle(fetched, bars, outcomes, failed);
		}
		storeBars(bars);
		storeRejects(rejected);
		storeOutcomes(outcomes);
		this.failures.failed(failed);
		this.failures.resolved(
				outcomes.stream().filter((outcome) -> !outcome.status().equals("failed")).map(Outcome::unit).toList());
		Runnable count = () -> {
			this.progress.written(outcomes.size(), bars.size(), rejected.size());
			outcomes.forEach((outcome) -> this.progress.counted(outcome.status()));
		};
		LoadProgress.afterCommit(count);
	}

	private void settle(FetchedDaily fetched, List<Stored> bars, List<Outcome> outcomes,
			List<UnitFailures.Failure> failed) {
		DailyUnit unit = fetched.unit();
		List<String> scope = unit.wholeDay() ? this.symbols : List.of(unit.symbol());
		List<SymbolDay> targets = this.full ? this.finder.owed(scope, unit.from(), unit.to())
				: this.finder.missing(scope, unit.from(), unit.to());
		// A whole-day call that fails is the source's trouble; an instrument's own call
		// that keeps failing is the instrument's.
		boolean ownCall = !unit.wholeDay();
		Map<SymbolDay, DailyBar> byUnit = new HashMap<>();
		fetched.bars().forEach((bar) -> byUnit.put(new SymbolDay(bar.symbol(), bar.tradeDate()), bar));
		Map<SymbolDay, BigDecimal> factors = new HashMap<>();
		fetched.factors()
			.forEach((factor) -> factors.put(new SymbolDay(factor.symbol(), factor.tradeDate()), factor.factor()));
		Set<SymbolDay> suspended = new HashSet<>();
		fetched.suspensions().forEach((day) -> suspended.add(new SymbolDay(day.symbol(), day.tradeDate())));
		Map<SymbolDay, String> rejectedDays = new HashMap<>();
		Map<String, String> rejectedSymbols = new HashMap<>();
		for (RejectedRow row : fetched.rejected()) {
			if (row.symbol() == null) {
				continue;
			}
			LocalDate day = dayOf(row.payload(), unit);
			if (day != null) {
				rejectedDays.putIfAbsent(new SymbolDay(row.symbol(), day), row.reason());
			}
			else {
				rejectedSymbols.putIfAbsent(row.symbol(), row.reason());
			}
		}
		String source = this.feed.source().key();
		for (SymbolDay target : targets) {
			if (fetched.failure() != null) {
				outcomes.add(new Outcome(target, "failed", 0, 1, fetched.failure()));
				failed.add(new UnitFailures.Failure(target, source, fetched.failure(), ownCall));
				continue;
			}
			DailyBar bar = byUnit.get(target);
			if (bar != null) {
				BigDecimal factor = factors.get(target);
				bars.add(new Stored(bar, factor));
				if (this.dataset.adjusted() && this.feed.givesFactors() && factor == null) {
					outcomes.add(new Outcome(target, "partial", 1, 1, "the bar came without its adjustment factor"));
				}
				else if (this.dataset.adjusted() && !this.feed.givesFactors()) {
					outcomes.add(new Outcome(target, "complete", 1, 1,
							this.feed.source().displayName() + " gives no adjustment factors"));
				}
				else {
					outcomes.add(new Outcome(target, "complete", 1, 1, null));
				}
				continue;
			}
			String rejection = rejectedDays.getOrDefault(target, rejectedSymbols.get(target.symbol()));
			if (rejection != null) {
				outcomes.add(new Outcome(target, "failed", 0, 1, "rejected: " + rejection));
				failed.add(new UnitFailures.Failure(target, source, "rejected: " + rejection, true));
			}
			else if (suspended.contains(target)) {
				outcomes.add(new Outcome(target, "suspended", 0, 0, "suspended, as the source lists it"));
			}
			else {
				outcomes.add(new Outcome(target, "empty", 0, 1, this.feed.source().displayName() + " had no bar"));
			}
		}
	}

	private static @Nullable LocalDate dayOf(String payload, DailyUnit unit) {
		Matcher matcher = DAY_IN_PAYLOAD.matcher(payload);
		while (matcher.find()) {
			try {
				LocalDate day = (matcher.group(1) != null) ? Units.compactDate(matcher.group(1))
						: LocalDate.parse(matcher.group(2));
				if (!day.isBefore(unit.from()) && !day.isAfter(unit.to())) {
					return day;
				}
			}
			catch (DateTimeParseException ex) {
				// Not a date after all; look further.
			}
		}
		return null;
	}

	private void storeBars(List<Stored> bars) {
		if (bars.isEmpty()) {
			return;
		}
		String source = this.feed.source().key();
		this.jdbc.batchUpdate("""
				insert into market.bars_daily (symbol, trade_date, open, high, low, close, pre_close, volume, amount,
					adj_factor, source, load_batch_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (symbol, trade_date) do update set open = excluded.open, high = excluded.high,
					low = excluded.low, close = excluded.close, pre_close = excluded.pre_close,
					volume = excluded.volume, amount = excluded.amount, adj_factor = excluded.adj_factor,
					source = excluded.source, load_batch_id = excluded.load_batch_id, loaded_at = now()
				""", bars, 500, (ps, stored) -> {
			DailyBar bar = stored.bar();
			ps.setString(1, bar.symbol());
			ps.setObject(2, bar.tradeDate());
			ps.setBigDecimal(3, bar.open());
			ps.setBigDecimal(4, bar.high());
			ps.setBigDecimal(5, bar.low());
			ps.setBigDecimal(6, bar.close());
			ps.setBigDecimal(7, bar.preClose());
			ps.setLong(8, bar.volume());
			ps.setBigDecimal(9, bar.amount());
			ps.setBigDecimal(10, stored.factor());
			ps.setString(11, source);
			ps.setLong(12, this.loadBatch);
		});
	}

	private void storeRejects(List<RejectedRow> rejected) {
		if (rejected.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("insert into market.rejected_rows (dataset, source, symbol, reason, payload, "
				+ "load_batch_id) values (?, ?, ?, ?, ?, ?)", rejected, 500, (ps, row) -> {
					ps.setString(1, this.dataset.dataset());
					ps.setString(2, row.source().key());
					ps.setString(3, row.symbol());
					ps.setString(4, row.reason());
					ps.setString(5, row.payload());
					ps.setLong(6, this.loadBatch);
				});
	}

	private void storeOutcomes(List<Outcome> outcomes) {
		String source = this.feed.source().key();
		this.jdbc.batchUpdate(
				"""
						insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, rows_expected, reason,
							source, load_batch_id, job_execution_id)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						on conflict (dataset, symbol, trade_date) do update set status = excluded.status,
							rows_loaded = excluded.rows_loaded, rows_expected = excluded.rows_expected, reason = excluded.reason,
							source = excluded.source, load_batch_id = excluded.load_batch_id,
							job_execution_id = excluded.job_execution_id, updated_at = now()
						""",
				outcomes, 500, (ps, outcome) -> {
					ps.setString(1, this.dataset.dataset());
					ps.setString(2, outcome.unit().symbol());
					ps.setObject(3, outcome.unit().day());
					ps.setString(4, outcome.status());
					ps.setInt(5, outcome.rows());
					ps.setInt(6, outcome.expected());
					ps.setString(7, outcome.reason());
					ps.setString(8, source);
					ps.setLong(9, this.loadBatch);
					ps.setLong(10, this.jobExecution);
				});
	}

	/**
	 * What every write of one execution is stamped with and limited to.
	 *
	 * @param dataset the dataset
	 * @param loadBatch the load batch of the job instance
	 * @param jobExecution the running execution
	 * @param symbols the launch's instruments, empty for all
	 * @param full whether every owed unit is written, not only the missing ones
	 */
	record Context(DailyDataset dataset, long loadBatch, long jobExecution, List<String> symbols, boolean full) {
	}

	private record Stored(DailyBar bar, @Nullable BigDecimal factor) {
	}

	private record Outcome(SymbolDay unit, String status, int rows, int expected, @Nullable String reason) {
	}

}
