package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.marketbase.batch.job.MarketReference;
import com.marketbase.batch.job.gaps.GapFinder;
import com.marketbase.batch.job.gaps.SymbolDay;
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
 * requested days, then older holes (up to {@code backfill-days} back) newest first while
 * their estimated source calls stay within {@code backfill-calls}; full: every unit of
 * the requested days. Quarantined units are left out. Calendar and (for A-shares)
 * instruments are taken from the source where the warehouse does not know them yet. The
 * plan and a load batch go into the job execution context, where a restart finds them
 * unchanged.
 */
class DailyPrepareTasklet implements Tasklet {

	static final String UNITS = "daily_bars.units";

	static final String LOAD_BATCH = "daily_bars.load_batch_id";

	static final String PLANNED = "daily_bars.planned";

	static final String BACKFILL = "daily_bars.backfill";

	static final String HOLES_LEFT = "daily_bars.holes_left";

	private static final Logger logger = LoggerFactory.getLogger(DailyPrepareTasklet.class);

	private final DailyParameters parameters;

	private final DailyFeed feed;

	private final DailyLoadSettings settings;

	private final GapFinder finder;

	private final MarketReference reference;

	private final JdbcTemplate jdbc;

	DailyPrepareTasklet(DailyParameters parameters, DailyFeed feed, DailyLoadSettings settings, GapFinder finder,
			DataSource dataSource) {
		this.parameters = parameters;
		this.feed = feed;
		this.settings = settings;
		this.finder = finder;
		this.reference = new MarketReference(dataSource);
		this.jdbc = new JdbcTemplate(dataSource);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
		DailyDataset dataset = this.parameters.dataset();
		LocalDate start = this.parameters.startDate();
		LocalDate end = this.parameters.endDate();
		if (!this.reference.calendarCovers(start, end)) {
			this.reference.storeCalendar(this.feed.calendar(start, end));
		}
		if (dataset == DailyDataset.DAILY && this.finder.instrumentCount() == 0) {
			this.reference.storeShares(this.feed.shares());
		}
		int instruments = this.finder.instrumentCount();
		if (instruments == 0) {
			throw new IllegalStateException("market.instruments holds no instruments for " + dataset.dataset()
					+ "; load them first (job=instruments).");
		}
		List<String> symbols = this.parameters.symbols().isEmpty() ? null : this.parameters.symbols();
		if (symbols != null) {
			Set<String> unknown = this.reference.unknown(symbols);
			if (!unknown.isEmpty()) {
				throw new IllegalStateException("Unknown symbols: " + String.join(", ", unknown));
			}
		}
		List<SymbolDay> requested = this.parameters.incremental() ? this.finder.missing(symbols, start, end)
				: this.finder.owed(symbols, start, end);
		List<DailyPlan.Planned> plan = new ArrayList<>(
				DailyPlan.of(requested, this.feed, this.settings.wholeMarketFrom()));
		int backfilled = 0;
		int left = 0;
		if (this.parameters.incremental()) {
			List<SymbolDay> holes = olderHoles(symbols, start);
			int calls = 0;
			for (DailyPlan.Planned fetch : DailyPlan.of(holes, this.feed, this.settings.wholeMarketFrom())) {
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
		job.putString(UNITS, DailyUnit.encode(plan.stream().map(DailyPlan.Planned::unit).toList()));
		job.putLong(PLANNED, requested.size() + backfilled);
		job.putLong(BACKFILL, backfilled);
		job.putLong(HOLES_LEFT, left);
		if (!job.containsKey(LOAD_BATCH)) {
			job.putLong(LOAD_BATCH, loadBatch(chunkContext.getStepContext().getStepExecution().getJobExecutionId()));
		}
		logger.info(
				"{} ({}) will load {} unit(s) of {} to {} and {} older hole(s) in {} fetch(es) from {}; "
						+ "{} hole(s) left for later runs",
				dataset.dataset(), this.parameters.mode(), requested.size(), start, end, backfilled, plan.size(),
				this.feed.source().displayName(), left);
		return RepeatStatus.FINISHED;
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

	private long loadBatch(long jobExecutionId) {
		Long id = this.jdbc.queryForObject(
				"insert into market.load_batches (dataset, source, job_execution_id) values (?, ?, ?) returning id",
				Long.class, this.parameters.dataset().dataset(), this.parameters.source(), jobExecutionId);
		return (id != null) ? id : 0;
	}

}
