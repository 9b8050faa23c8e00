package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.marketbase.batch.job.MarketReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Settles what the load will do before it starts: the open days of the window and the
 * symbols (taking calendar and instruments from the source where the warehouse does not
 * know them yet), and a load batch that every stored row will name. The result goes into
 * the job execution context, where restarts find it unchanged.
 */
class Minute1mPrepareTasklet implements Tasklet {

	static final String DAYS = "minute_1m.days";

	static final String SYMBOLS = "minute_1m.symbols";

	static final String LOAD_BATCH = "minute_1m.load_batch_id";

	private static final Logger logger = LoggerFactory.getLogger(Minute1mPrepareTasklet.class);

	private final Minute1mParameters parameters;

	private final MinuteBarFeed feed;

	private final MarketReference reference;

	private final JdbcTemplate jdbc;

	Minute1mPrepareTasklet(Minute1mParameters parameters, MinuteBarFeed feed, DataSource dataSource) {
		this.parameters = parameters;
		this.feed = feed;
		this.reference = new MarketReference(dataSource);
		this.jdbc = new JdbcTemplate(dataSource);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
		LocalDate start = this.parameters.startDate();
		LocalDate end = this.parameters.endDate();
		if (!this.reference.calendarCovers(start, end)) {
			this.reference.storeCalendar(this.feed.calendar(start, end));
		}
		if (this.reference.instrumentCount() == 0) {
			this.reference.storeShares(this.feed.shares());
		}
		List<LocalDate> days = this.reference.openDays(start, end);
		List<String> symbols = this.parameters.symbols().isEmpty()
				? this.reference.listedShares(this.parameters.exchange(), start, end) : this.parameters.symbols();
		Set<String> unknown = this.reference.unknown(symbols);
		if (!unknown.isEmpty()) {
			throw new IllegalStateException("Unknown symbols: " + String.join(", ", unknown));
		}
		job.putString(DAYS, days.stream().map(LocalDate::toString).collect(Collectors.joining(",")));
		job.putString(SYMBOLS, String.join(",", symbols));
		if (!job.containsKey(LOAD_BATCH)) {
			job.putLong(LOAD_BATCH, loadBatch(chunkContext.getStepContext().getStepExecution().getJobExecutionId()));
		}
		logger.info("minute_1m will load {} symbol(s) x {} open day(s) from {} to {} ({})", symbols.size(), days.size(),
				start, end, this.feed.source().displayName());
		return RepeatStatus.FINISHED;
	}

	private long loadBatch(long jobExecutionId) {
		Long id = this.jdbc.queryForObject(
				"insert into market.load_batches (dataset, source, job_execution_id) "
						+ "values (?, ?, ?) returning id",
				Long.class, MinuteBarWriter.DATASET, this.parameters.source(), jobExecutionId);
		return (id != null) ? id : 0;
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
