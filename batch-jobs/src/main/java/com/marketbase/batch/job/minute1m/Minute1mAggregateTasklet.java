package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import com.marketbase.batch.warehouse.AggregateWindow;
import com.marketbase.batch.warehouse.BarAggregateRefresher;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Refreshes the 5/15/30/60-minute bars of exactly the sessions the load touched. It runs
 * without a step transaction: continuous aggregates refuse to refresh inside one.
 */
class Minute1mAggregateTasklet implements Tasklet {

	static final String WINDOW = "minute_1m.aggregate_window";

	private final List<LocalDate> days;

	private final BarAggregateRefresher refresher;

	Minute1mAggregateTasklet(List<LocalDate> days, BarAggregateRefresher refresher) {
		this.days = days;
		this.refresher = refresher;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (this.days.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		AggregateWindow window = this.refresher
			.refresh(AggregateWindow.covering(at(this.days.get(0), LocalTime.of(9, 31)),
					at(this.days.get(this.days.size() - 1), LocalTime.of(15, 0))));
		String description = "(" + window.from().atZone(AggregateWindow.MARKET_ZONE).toLocalDateTime() + ", "
				+ window.to().atZone(AggregateWindow.MARKET_ZONE).toLocalDateTime() + "] Beijing time";
		chunkContext.getStepContext().getStepExecution().getExecutionContext().putString(WINDOW, description);
		chunkContext.getStepContext()
			.getStepExecution()
			.getJobExecution()
			.getExecutionContext()
			.putString(WINDOW, description);
		return RepeatStatus.FINISHED;
	}

	private static java.time.Instant at(LocalDate day, LocalTime time) {
		return day.atTime(time).atZone(AggregateWindow.MARKET_ZONE).toInstant();
	}

}
