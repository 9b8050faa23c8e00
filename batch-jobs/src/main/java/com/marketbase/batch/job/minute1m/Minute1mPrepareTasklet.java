package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.reference.MarketReference;
import com.marketbase.batch.support.pipeline.DatasetLaunch;
import com.marketbase.batch.support.units.GapFinder;
import com.marketbase.batch.support.units.LoadBatches;
import com.marketbase.batch.support.units.SymbolDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * Settles what the load will do before it starts: the open days of the window and the
 * symbols (taking calendar and instruments from the source where the warehouse does not
 * know them yet), and a load batch that every stored row will name. An incremental run
 * leaves out the quarantined units of those days and adds older holes of its scope (up to
 * {@code backfill-days} back, newest first) as one-day units, one source call each, while
 * they fit {@code backfill-calls}. The result goes into the job execution context, where
 * restarts find it unchanged.
 */
class Minute1mPrepareTasklet implements Tasklet {

	static final String DAYS = "minute_1m.days";

	static final String SYMBOLS = "minute_1m.symbols";

	static final String LOAD_BATCH = "minute_1m.load_batch_id";

	static final String BACKFILL = "minute_1m.backfill";

	static final String HOLES_LEFT = "minute_1m.holes_left";

	static final String QUARANTINED = "minute_1m.quarantined";

	/** The units the load is to do: the symbols' requested days and the older holes. */
	static final String PLANNED = "minute_1m.planned";

	/**
	 * Whether the writer has rolled up every chunk of this job instance so far: set when
	 * its load batch is created, and false for good once an execution loads without
	 * rolling up (then the aggregate step refreshes the touched window).
	 */
	static final String ROLLED_UP = "minute_1m.rolled_up";

	/**
	 * The gap finder of minute days. A complete day is still stored when its symbol's
	 * bars of the Beijing day are at least as many as its load unit expected: a day that
	 * lost some bars is a hole.
	 * @param dataSource the warehouse
	 * @return the finder
	 */
	static GapFinder gapFinder(DataSource dataSource) {
		return GapFinder.countingRows(dataSource, MinuteBarWriter.DATASET, "market.bars_1m");
	}

	private static final Logger logger = LoggerFactory.getLogger(Minute1mPrepareTasklet.class);

	private final Minute1mParameters parameters;

	private final MinuteBarFeed feed;

	private final MarketReference reference;

	private final LoadBatches batches;

	private final GapFinder finder;

	private final Minute1mJobProperties properties;

	private final boolean rollsUp;

	Minute1mPrepareTasklet(Minute1mParameters parameters, MinuteBarFeed feed, DataSource dataSource,
			Minute1mJobProperties properties, boolean rollsUp) {
		this.rollsUp = rollsUp;
		this.parameters = parameters;
		this.feed = feed;
		this.reference = new MarketReference(dataSource);
		this.batches = new LoadBatches(dataSource);
		this.finder = gapFinder(dataSource);
		this.properties = properties;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
		LocalDate start = this.parameters.startDate();
		LocalDate end = this.parameters.endDate();
		if (!this.reference.calendarCovers(start, end)) {
			this.reference.storeCalendar(this.feed.reference().shareCalendar(start, end));
		}
		if (this.reference.instrumentCount() == 0) {
			this.reference.storeListings(this.feed.reference().sharesAndFunds());
		}
		List<LocalDate> days = this.reference.openDays(start, end);
		List<String> symbols = this.parameters.symbols().isEmpty()
				? this.reference.listedShares(this.parameters.exchange(), start, end) : this.parameters.symbols();
		Set<String> unknown = this.reference.unknown(symbols);
		if (!unknown.isEmpty()) {
			throw new IllegalStateException(DatasetLaunch.unknownSymbols(unknown, this.parameters.source()));
		}
		job.putString(DAYS, days.stream().map(LocalDate::toString).collect(Collectors.joining(",")));
		job.putString(SYMBOLS, String.join(",", symbols));
		if (!job.containsKey(LOAD_BATCH)) {
			job.putLong(LOAD_BATCH, this.batches.open(MinuteBarWriter.DATASET, this.parameters.source(),
					chunkContext.getStepContext().getStepExecution().getJobExecutionId()));
			job.put(ROLLED_UP, this.rollsUp);
		}
		if (this.parameters.incremental()) {
			Set<String> inScope = new HashSet<>(symbols);
			List<String> skipped = this.finder.quarantined()
				.stream()
				.filter((unit) -> inScope.contains(unit.symbol()) && !unit.day().isBefore(start)
						&& !unit.day().isAfter(end))
				.map(SymbolDay::key)
				.toList();
			List<SymbolDay> holes = olderHoles(start);
			int budget = Math.max(0, this.properties.backfillCalls());
			List<MinuteUnit> backfill = holes.stream()
				.limit(budget)
				.map((hole) -> new MinuteUnit(hole.symbol(), List.of(hole.day())))
				.toList();
			job.putString(QUARANTINED, String.join(",", skipped));
			job.putString(BACKFILL, MinuteUnitReader.encode(backfill));
			job.putLong(HOLES_LEFT, holes.size() - backfill.size());
			job.putLong(PLANNED, (long) symbols.size() * days.size() - skipped.size() + backfill.size());
			logger.info(
					"minute_1m (incremental) will load {} symbol(s) x {} open day(s) from {} to {} ({} quarantined "
							+ "left out) and {} older hole(s) ({}); {} hole(s) left for later runs",
					symbols.size(), days.size(), start, end, skipped.size(), backfill.size(),
					this.feed.source().displayName(), holes.size() - backfill.size());
			return RepeatStatus.FINISHED;
		}
		job.putLong(PLANNED, (long) symbols.size() * days.size());
		logger.info("minute_1m will load {} symbol(s) x {} open day(s) from {} to {} ({})", symbols.size(), days.size(),
				start, end, this.feed.source().displayName());
		return RepeatStatus.FINISHED;
	}

	// The holes of the launch's scope in the look-back window before its first day,
	// newest first. Quarantined units are never among them.
	private List<SymbolDay> olderHoles(LocalDate start) {
		LocalDate first = this.finder.firstCalendarDay();
		if (first == null || this.properties.backfillCalls() <= 0) {
			return List.of();
		}
		LocalDate to = start.minusDays(1);
		LocalDate from = start.minusDays(Math.max(0, this.properties.backfillDays()));
		if (from.isBefore(first)) {
			from = first;
		}
		if (from.isAfter(to)) {
			return List.of();
		}
		List<String> symbols = this.parameters.symbols().isEmpty() ? null : this.parameters.symbols();
		String exchange = this.parameters.exchange();
		return this.finder.missing(symbols, from, to)
			.stream()
			.filter((hole) -> exchange == null || hole.symbol().endsWith("." + exchange))
			.toList();
	}

	static boolean rolledUp(ExecutionContext job) {
		return Boolean.TRUE.equals(job.get(ROLLED_UP));
	}

	static Set<String> quarantined(ExecutionContext job) {
		String keys = job.getString(QUARANTINED, "");
		return keys.isEmpty() ? Set.of() : Set.of(keys.split(","));
	}

	static List<MinuteUnit> backfill(ExecutionContext job) {
		return MinuteUnitReader.decode(job.getString(BACKFILL, ""));
	}

	static List<LocalDate> days(ExecutionContext job) {
		String days = job.getString(DAYS, "");
		List<LocalDate> result = new ArrayList<>();
		if (!days.isEmpty()) {
			for (String day : days.split(",")) {
				result.add(LocalDate.parse(day));
			}
		}
		return result;
	}

}
