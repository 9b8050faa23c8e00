package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import com.marketbase.batch.warehouse.AggregateWindow;
import com.marketbase.batch.warehouse.BarAggregateRefresher;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Refreshes the 5/15/30/60-minute bars of exactly the sessions the load touched: the
 * requested days as one window, and the older days an incremental run healed in windows
 * of their own (days a few calendar days apart share one, so a week of holes is one
 * refresh). It runs without a step transaction: continuous aggregates refuse to refresh
 * inside one. Where the load's writer kept the rollup tables current chunk by chunk there
 * is nothing left to rebuild, and the windows are only reported.
 */
class Minute1mAggregateTasklet implements Tasklet {

	static final String WINDOW = "minute_1m.aggregate_window";

	private final List<LocalDate> days;

	/** Healed days at most this many calendar days apart are refreshed in one window. */
	private static final int JOIN_DAYS = 4;

	private final List<LocalDate> healed;

	private final @Nullable BarAggregateRefresher refresher;

	/**
	 * A tasklet.
	 * @param days the requested days
	 * @param healed older days an incremental run loaded
	 * @param refresher the refresher, or {@code null} when the writer rolled the days up
	 * already
	 */
	Minute1mAggregateTasklet(List<LocalDate> days, List<LocalDate> healed, @Nullable BarAggregateRefresher refresher) {
		this.days = days;
		this.healed = healed;
		this.refresher = refresher;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		String description = refreshAll();
		if (description.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		if (!refreshes()) {
			description += " (" + rolledUp(chunkContext.getStepContext().getStepExecution().getJobExecution()) + ")";
		}
		chunkContext.getStepContext().getStepExecution().getExecutionContext().putString(WINDOW, description);
		chunkContext.getStepContext()
			.getStepExecution()
			.getJobExecution()
			.getExecutionContext()
			.putString(WINDOW, description);
		return RepeatStatus.FINISHED;
	}

	/** Whether this refreshes anything, or only describes what the writer rolled up. */
	boolean refreshes() {
		return this.refresher != null;
	}

	/**
	 * Refreshes (or, where the writer rolled up, only describes) every window of the
	 * load.
	 * @return the windows, or an empty string when the load has none
	 */
	String refreshAll() {
		List<String> refreshed = new ArrayList<>();
		if (!this.days.isEmpty()) {
			refreshed.add(refresh(this.days.get(0), this.days.get(this.days.size() - 1)));
		}
		TreeSet<LocalDate> older = new TreeSet<>(this.healed);
		if (!this.days.isEmpty()) {
			older.removeIf(
					(day) -> !day.isBefore(this.days.get(0)) && !day.isAfter(this.days.get(this.days.size() - 1)));
		}
		LocalDate from = null;
		LocalDate to = null;
		for (LocalDate day : older.descendingSet()) {
			if (from != null && from.minusDays(JOIN_DAYS).isAfter(day)) {
				refreshed.add(refresh(from, to));
				to = null;
			}
			if (to == null) {
				to = day;
			}
			from = day;
		}
		if (to != null) {
			refreshed.add(refresh(from, to));
		}
		return String.join("; ", refreshed);
	}

	private String refresh(LocalDate first, LocalDate last) {
		AggregateWindow window = AggregateWindow.covering(at(first, LocalTime.of(9, 31)),
				at(last, LocalTime.of(15, 0)));
		if (this.refresher != null) {
			this.refresher.refresh(window);
		}
		return "(" + window.from().atZone(AggregateWindow.MARKET_ZONE).toLocalDateTime() + ", "
				+ window.to().atZone(AggregateWindow.MARKET_ZONE).toLocalDateTime() + "] Beijing time";
	}

	/**
	 * What rolling up with each chunk took the writers of this execution: their time on
	 * the aggregates (rolling up, the COPY, rebuilding partial days), summed over the
	 * partitions that ran in it. It accounts for the writers' time, and can exceed what
	 * the aggregates add to the load step when the other partitions fill that time.
	 * @param execution the job execution
	 * @return for example "rolled up with each chunk: 2.61 s of writing in 4 partitions",
	 * or "rolled up with each chunk" when no partition ran in this execution
	 */
	static String rolledUp(JobExecution execution) {
		long nanos = 0;
		int partitions = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getExecutionContext().containsKey(MinuteBarWriter.ROLLUP_NANOS)) {
				nanos += step.getExecutionContext().getLong(MinuteBarWriter.ROLLUP_NANOS);
				partitions++;
			}
		}
		if (partitions == 0) {
			return "rolled up with each chunk";
		}
		return String.format(Locale.ROOT, "rolled up with each chunk: %.2f s of writing in %d partitions", nanos / 1e9,
				partitions);
	}

	private static java.time.Instant at(LocalDate day, LocalTime time) {
		return day.atTime(time).atZone(AggregateWindow.MARKET_ZONE).toInstant();
	}

}
