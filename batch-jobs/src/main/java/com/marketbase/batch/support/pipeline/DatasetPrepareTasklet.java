package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.marketbase.batch.support.units.GapFinder;
import com.marketbase.batch.support.units.LoadBatches;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.reference.MarketReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Settles what a run will fetch before it starts. Incremental: the missing units of the
 * requested days, then older holes (up to {@code backfill-days} back) while their
 * estimated source calls stay within {@code backfill-calls}; full: every unit of the
 * requested days. Quarantined units are left out. The calendar and (where the dataset
 * takes them) the A-shares and ETFs are taken from the source where the warehouse does
 * not know them yet. The plan and a load batch go into the job execution context, where a
 * restart finds them unchanged.
 */
class DatasetPrepareTasklet implements Tasklet {

	/** Days are Beijing days. */
	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** The planned fetches. */
	static final String FETCHES = "dataset.fetches";

	/** The load batch of the job instance. */
	static final String LOAD_BATCH = "dataset.load_batch_id";

	/** The units the run is to load. */
	static final String PLANNED = "dataset.planned";

	/**
	 * The planned units of a dataset that follows announcements, {@code symbol/day;…}.
	 */
	static final String UNITS = "dataset.units";

	/** The older holes planned. */
	static final String BACKFILL = "dataset.backfill";

	/** The older holes left for later runs. */
	static final String HOLES_LEFT = "dataset.holes_left";

	private static final Logger logger = LoggerFactory.getLogger(DatasetPrepareTasklet.class);

	private final Dataset<?> dataset;

	private final DatasetParameters parameters;

	private final DatasetFeed<?> feed;

	private final DatasetSettings settings;

	private final GapFinder finder;

	private final MarketReference reference;

	private final LoadBatches batches;

	private final DataSource dataSource;

	DatasetPrepareTasklet(Dataset<?> dataset, DatasetParameters parameters, DatasetSettings settings,
			DataSource dataSource) {
		this.dataset = dataset;
		this.parameters = parameters;
		this.feed = dataset.feed(parameters.source());
		this.settings = settings;
		this.finder = new GapFinder(dataSource, dataset.name(), dataset.storedCondition());
		this.reference = new MarketReference(dataSource);
		this.batches = new LoadBatches(dataSource);
		this.dataSource = dataSource;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
		LocalDate start = this.parameters.startDate();
		LocalDate end = this.parameters.endDate();
		String calendar = this.finder.calendarExchange();
		if (!this.reference.calendarCovers(calendar, start, end)) {
			this.reference.storeCalendar(this.feed.calendar(calendar, start, end));
		}
		if (this.dataset.bootstrapsInstruments() && this.reference.instrumentCount() == 0) {
			this.reference.storeListings(this.feed.instruments());
		}
		int instruments = this.finder.instrumentCount();
		if (instruments == 0) {
			throw new IllegalStateException("market.instruments holds no instruments for " + this.dataset.name()
					+ "; run job=instruments source=" + this.parameters.source() + " first.");
		}
		List<String> symbols = this.parameters.symbols().isEmpty() ? null : this.parameters.symbols();
		if (symbols != null) {
			Set<String> unknown = this.reference.unknown(symbols);
			if (!unknown.isEmpty()) {
				throw new IllegalStateException(DatasetLaunch.unknownSymbols(unknown, this.parameters.source()));
			}
		}
		List<SymbolDay> requested = this.parameters.incremental() ? this.finder.missing(symbols, start, end)
				: this.finder.owed(symbols, start, end);
		boolean announcements = this.parameters.incremental() && this.dataset.followsAnnouncements();
		if (announcements) {
			Set<SymbolDay> wanted = new LinkedHashSet<>(requested);
			wanted.addAll(announcedSinceLoaded(symbols, start, end));
			requested = List.copyOf(wanted);
		}
		List<FetchPlan.Planned> plan = new ArrayList<>(
				FetchPlan.of(requested, this.feed, this.settings.wholeMarketFrom()));
		int backfilled = 0;
		int left = 0;
		// A dataset that follows announcements has looked at the older units already: a
		// hole there is fetched once its report is out. Others heal older holes within
		// the budget.
		if (this.parameters.incremental() && !announcements) {
			List<SymbolDay> holes = olderHoles(symbols, start);
			int calls = 0;
			for (FetchPlan.Planned fetch : FetchPlan.of(holes, this.feed, this.settings.wholeMarketFrom())) {
				int cost = fetch.calls(this.feed, instruments);
				if (calls + cost > this.settings.backfillCalls()) {
					continue;
				}
				calls += cost;
				backfilled += fetch.units();
				plan.add(fetch);
			}
			left = holes.size() - backfilled;
		}
		if (announcements) {
			// A fetch's range may span units that were not planned; only the planned ones
			// are written, so that a failed call never marks a held unit failed.
			job.putString(UNITS,
					requested.stream()
						.map((unit) -> unit.symbol() + "/" + unit.day())
						.collect(Collectors.joining(";")));
		}
		job.putString(FETCHES, Fetch.encode(plan.stream().map(FetchPlan.Planned::fetch).toList()));
		job.putLong(PLANNED, requested.size() + backfilled);
		job.putLong(BACKFILL, backfilled);
		job.putLong(HOLES_LEFT, left);
		if (!job.containsKey(LOAD_BATCH)) {
			job.putLong(LOAD_BATCH, this.batches.open(this.dataset.name(), this.parameters.source(),
					chunkContext.getStepContext().getStepExecution().getJobExecutionId()));
		}
		logger.info(
				"{} ({}, source: {}) will load {} unit(s) of {} to {} and {} older hole(s) in {} fetch(es); "
						+ "{} hole(s) left for later runs",
				this.dataset.name(), this.parameters.mode(), this.feed.displayName(), requested.size(), start, end,
				backfilled, plan.size(), left);
		return RepeatStatus.FINISHED;
	}

	/**
	 * For a dataset that follows announcements: of the units owed from the backfill
	 * window before the requested days up to today, those the source announced on or
	 * after the day of their last complete load (or that never completed), so that stocks
	 * without news cost no call. The lookup runs to today whatever the window: a period
	 * is announced long before the day it counts as due.
	 */
	private List<SymbolDay> announcedSinceLoaded(@Nullable List<String> symbols, LocalDate start, LocalDate end) {
		LocalDate from = start.minusDays(Math.max(0, this.settings.backfillDays()));
		LocalDate first = this.finder.firstCalendarDay();
		if (first != null && from.isBefore(first)) {
			from = first;
		}
		LocalDate today = LocalDate.now(BEIJING);
		LocalDate to = end.isBefore(today) ? today : end;
		List<SymbolDay> owed = this.finder.owed(symbols, from, to);
		Map<SymbolDay, LocalDate> announced = this.feed
			.announcements(owed.stream().map(SymbolDay::day).distinct().sorted().toList());
		if (announced == null) {
			throw new IllegalStateException(this.dataset.name() + " follows announcements, but the "
					+ this.feed.displayName() + " feed lists none");
		}
		Map<SymbolDay, LocalDate> loaded = new HashMap<>();
		new JdbcTemplate(this.dataSource).query("""
				select symbol, trade_date, (updated_at at time zone 'Asia/Shanghai')::date from market.load_units
				where dataset = ? and status = 'complete' and trade_date between ? and ?""", (rs) -> {
			loaded.put(new SymbolDay(rs.getString(1), rs.getObject(2, LocalDate.class)),
					rs.getObject(3, LocalDate.class));
		}, this.dataset.name(), from, to);
		List<SymbolDay> news = owed.stream().filter((unit) -> {
			LocalDate day = announced.get(unit);
			LocalDate last = loaded.get(unit);
			return day != null && (last == null || !day.isBefore(last));
		}).toList();
		logger.info("{}: {} of {} unit(s) owed from {} to {} were announced since their last complete load",
				this.dataset.name(), news.size(), owed.size(), from, to);
		return news;
	}

	/**
	 * The units an execution of a dataset that follows announcements planned, or
	 * {@code null} for other datasets.
	 * @param job the job's execution context
	 * @return the units
	 */
	static @Nullable Set<SymbolDay> plannedUnits(ExecutionContext job) {
		if (!job.containsKey(UNITS)) {
			return null;
		}
		Set<SymbolDay> units = new HashSet<>();
		for (String text : job.getString(UNITS).split(";")) {
			if (!text.isEmpty()) {
				int slash = text.lastIndexOf('/');
				units.add(new SymbolDay(text.substring(0, slash), LocalDate.parse(text.substring(slash + 1))));
			}
		}
		return units;
	}

	private List<SymbolDay> olderHoles(@Nullable List<String> symbols, LocalDate start) {
		LocalDate first = this.finder.firstCalendarDay();
		LocalDate to = start.minusDays(1);
		LocalDate from = start.minusDays(Math.max(0, this.settings.backfillDays()));
		if (first == null || this.settings.backfillCalls() <= 0) {
			return List.of();
		}
		if (from.isBefore(first)) {
			from = first;
		}
		return from.isAfter(to) ? List.of() : this.finder.missing(symbols, from, to);
	}

}
