package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.marketbase.batch.support.execution.LoadProgress;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.support.rows.RejectedRowStore;
import com.marketbase.batch.support.units.GapFinder;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.support.units.UnitOutcomes;
import com.marketbase.batch.support.units.UnitFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a chunk of fetches in the chunk's transaction, touching exactly the units the
 * run is to load: in incremental mode those still missing when the chunk is written (so a
 * restarted fetch never rewrites what an earlier chunk stored), in full mode every unit
 * owed; a range leaves the days fetched whole to their own fetch. Per unit it stores the
 * row and records the outcome in {@code market.load_units}: complete or partial (as the
 * feed judges the row); suspended (no row, and the source lists the day as not traded);
 * empty (no row, a hole); failed (the rows were impossible, or the fetch failed), with
 * the failure kept for the next run's retry or quarantine.
 *
 * @param <R> the dataset's row
 */
final class DatasetWriter<R> implements ItemWriter<FetchedRows<R>> {

	// Tushare rows carry the day as "20261120", TDX klines as
	// "2026-11-20T15:00:00+08:00".
	private static final Pattern DAY_IN_PAYLOAD = Pattern.compile("\"(\\d{8})\"|\"(\\d{4}-\\d{2}-\\d{2})");

	private final Dataset<R> dataset;

	private final DatasetFeed<R> feed;

	private final JdbcTemplate jdbc;

	private final GapFinder finder;

	private final UnitFailures failures;

	private final RejectedRowStore rejects;

	private final LoadProgress progress;

	private final Context context;

	DatasetWriter(Dataset<R> dataset, DatasetFeed<R> feed, DataSource dataSource, Context context,
			DatasetSettings settings, LoadProgress progress) {
		this.dataset = dataset;
		this.feed = feed;
		this.jdbc = new JdbcTemplate(dataSource);
		this.finder = new GapFinder(dataSource, dataset.name(), dataset.storedCondition());
		this.failures = new UnitFailures(dataSource, dataset.name(), settings.quarantineAfter());
		this.rejects = new RejectedRowStore(dataSource, dataset.name());
		this.progress = progress;
		this.context = context;
	}

	@Override
	public void write(Chunk<? extends FetchedRows<R>> chunk) {
		List<R> rows = new ArrayList<>();
		List<Outcome> outcomes = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		List<UnitFailures.Failure> failed = new ArrayList<>();
		for (FetchedRows<R> fetched : chunk) {
			rejected.addAll(fetched.rejected());
			settle(fetched, rows, outcomes, failed);
		}
		if (!rows.isEmpty()) {
			this.dataset.store(this.jdbc, rows, this.feed.source(), this.context.loadBatch());
		}
		this.rejects.store(rejected, this.context.loadBatch());
		storeOutcomes(outcomes);
		this.failures.failed(failed);
		this.failures.resolved(
				outcomes.stream().filter((outcome) -> !outcome.status().equals("failed")).map(Outcome::unit).toList());
		int stored = rows.size();
		LoadProgress.afterCommit(() -> {
			this.progress.written(outcomes.size(), stored, rejected.size());
			outcomes.forEach((outcome) -> this.progress.counted(outcome.status()));
		});
	}

	private void settle(FetchedRows<R> fetched, List<R> rows, List<Outcome> outcomes,
			List<UnitFailures.Failure> failed) {
		Fetch fetch = fetched.fetch();
		List<String> scope = fetch.wholeDay() ? this.context.symbols() : List.of(fetch.symbol());
		List<SymbolDay> targets = this.context.full() ? this.finder.owed(scope, fetch.from(), fetch.to())
				: this.finder.missing(scope, fetch.from(), fetch.to());
		if (this.context.planned() != null) {
			// Announced units are loaded again though held: the plan names them.
			targets = this.finder.owed(scope, fetch.from(), fetch.to())
				.stream()
				.filter(this.context.planned()::contains)
				.toList();
		}
		if (!fetch.wholeDay()) {
			targets = targets.stream().filter((unit) -> !this.context.wholeDays().contains(unit.day())).toList();
		}
		// A whole-day call that fails is the source's trouble; an instrument's own call
		// that keeps failing is the instrument's.
		boolean ownCall = !fetch.wholeDay();
		// Most datasets have one row per unit, the last one sent; tick trades have many.
		Map<SymbolDay, List<R>> byUnit = new HashMap<>();
		for (R row : fetched.rows()) {
			SymbolDay unit = this.dataset.unitOf(row);
			if (this.dataset.rowsPerUnit()) {
				byUnit.computeIfAbsent(unit, (key) -> new ArrayList<>()).add(row);
			}
			else {
				byUnit.put(unit, List.of(row));
			}
		}
		Map<SymbolDay, String> rejectedDays = new HashMap<>();
		Map<String, String> rejectedSymbols = new HashMap<>();
		for (RejectedRow row : fetched.rejected()) {
			// A row sent again with other values leaves its unit with the first one:
			// recorded among the rejected rows, it fails no unit.
			if (row.symbol() == null || row.reason().startsWith(Fetched.SENT_TWICE)) {
				continue;
			}
			LocalDate day = dayOf(row.payload(), fetch);
			if (day != null) {
				rejectedDays.putIfAbsent(new SymbolDay(row.symbol(), day), row.reason());
			}
			else {
				rejectedSymbols.putIfAbsent(row.symbol(), row.reason());
			}
		}
		String source = this.feed.source();
		for (SymbolDay target : targets) {
			if (fetched.failure() != null) {
				outcomes.add(new Outcome(target, "failed", 0, 1, fetched.failure()));
				failed.add(new UnitFailures.Failure(target, source, fetched.failure(), ownCall));
				continue;
			}
			List<R> unitRows = byUnit.get(target);
			if (unitRows != null) {
				rows.addAll(unitRows);
				DatasetFeed.Verdict verdict = verdict(unitRows);
				outcomes.add(new Outcome(target, verdict.status(), unitRows.size(), unitRows.size(), verdict.reason()));
				continue;
			}
			String rejection = rejectedDays.getOrDefault(target, rejectedSymbols.get(target.symbol()));
			if (rejection != null) {
				outcomes.add(new Outcome(target, "failed", 0, 1, "rejected: " + rejection));
				failed.add(new UnitFailures.Failure(target, source, "rejected: " + rejection, true));
			}
			else if (fetched.suspended().contains(target)) {
				outcomes.add(new Outcome(target, "suspended", 0, 0, "suspended, as the source lists it"));
			}
			else {
				outcomes.add(new Outcome(target, "empty", 0, 1,
						this.feed.displayName() + " had no " + this.dataset.rowsName() + " for the day"));
			}
		}
	}

	/**
	 * A unit is partial when any of its rows is; otherwise it keeps its first row's note.
	 */
	private DatasetFeed.Verdict verdict(List<R> unitRows) {
		DatasetFeed.Verdict first = null;
		for (R row : unitRows) {
			DatasetFeed.Verdict verdict = this.feed.judge(row);
			if (!verdict.status().equals("complete")) {
				return verdict;
			}
			first = (first != null) ? first : verdict;
		}
		return (first != null) ? first : DatasetFeed.Verdict.COMPLETE;
	}

	private static @Nullable LocalDate dayOf(String payload, Fetch fetch) {
		Matcher matcher = DAY_IN_PAYLOAD.matcher(payload);
		while (matcher.find()) {
			try {
				LocalDate day = (matcher.group(1) != null)
						? LocalDate.parse(matcher.group(1), java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
						: LocalDate.parse(matcher.group(2));
				if (!day.isBefore(fetch.from()) && !day.isAfter(fetch.to())) {
					return day;
				}
			}
			catch (DateTimeParseException ex) {
				// Not a date after all; look further.
			}
		}
		return null;
	}

	private void storeOutcomes(List<Outcome> outcomes) {
		UnitOutcomes rows = new UnitOutcomes();
		for (Outcome outcome : outcomes) {
			rows.add(outcome.unit(), outcome.status(), outcome.rows(), outcome.expected(), outcome.reason());
		}
		rows.write(this.jdbc, new UnitOutcomes.Stamp(this.dataset.name(), this.feed.source(), this.context.loadBatch(),
				this.context.jobExecution()));
	}

	/**
	 * What every write of one execution is stamped with and limited to.
	 *
	 * @param loadBatch the load batch of the job instance
	 * @param jobExecution the running execution
	 * @param symbols the launch's instruments, {@code null} for all
	 * @param full whether every owed unit is written, not only the missing ones
	 * @param wholeDays the days the plan fetches whole, which no range writes
	 * @param planned for a dataset that follows announcements, the units the plan named,
	 * which alone are written; {@code null} for others
	 */
	record Context(long loadBatch, long jobExecution, @Nullable List<String> symbols, boolean full,
			Set<LocalDate> wholeDays, @Nullable Set<SymbolDay> planned) {
	}

	private record Outcome(SymbolDay unit, String status, int rows, int expected, @Nullable String reason) {
	}

}
