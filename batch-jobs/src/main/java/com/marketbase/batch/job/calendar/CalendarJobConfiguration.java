package com.marketbase.batch.job.calendar;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.execution.ExecutionOwner;
import com.marketbase.batch.support.pipeline.FetchedItemWriter;
import com.marketbase.batch.support.pipeline.SourceUnitJobs;
import com.marketbase.batch.support.pipeline.SourceUnitReader;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.rows.RejectedRowStore;
import com.marketbase.batch.warehouse.reference.MarketReference;
import com.marketbase.batch.warehouse.reference.TradingDay;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires {@code calendar}: one chunked step whose work units are the exchanges, each
 * fetched whole and upserted in its own transaction.
 */
@Configuration(proxyBeanMethods = false)
class CalendarJobConfiguration {

	/** The name the reader keeps its position under. */
	static final String READER = "calendar";

	@Bean
	Job calendarJob(JobRepository jobRepository, Step calendarLoadStep, DataSource dataSource, SourceResolver sources) {
		return new JobBuilder(CalendarParameters.JOB_NAME, jobRepository).validator(new CalendarParameters.Validator())
			.start(calendarLoadStep)
			.listener(ExecutionOwner.recorder(jobRepository))
			.listener(SourceUnitJobs.loadBatch(dataSource, jobRepository))
			.listener(new Summary(dataSource, sources))
			.build();
	}

	@Bean
	CalendarLaunch calendarLaunch(SourceResolver sources, DataSource dataSource) {
		return new CalendarLaunch(sources, dataSource);
	}

	@Bean
	Step calendarLoadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SourceUnitReader<Fetched<TradingDay>> calendarReader, ItemWriter<Fetched<TradingDay>> calendarWriter) {
		return new StepBuilder("calendar.load", jobRepository).<Fetched<TradingDay>, Fetched<TradingDay>>chunk(1)
			.transactionManager(transactionManager)
			.reader(calendarReader)
			.writer(calendarWriter)
			.build();
	}

	@Bean
	@StepScope
	ItemWriter<Fetched<TradingDay>> calendarWriter(@Value("#{stepExecution}") StepExecution stepExecution,
			DataSource dataSource) {
		return new FetchedItemWriter<>(new MarketReference(dataSource)::storeCalendar,
				new RejectedRowStore(dataSource, CalendarParameters.JOB_NAME), stepExecution);
	}

	@Bean
	@StepScope
	SourceUnitReader<Fetched<TradingDay>> calendarReader(@Value("#{stepExecution}") StepExecution stepExecution,
			SourceResolver sources) {
		CalendarParameters read = CalendarParameters.of(stepExecution.getJobParameters());
		var reference = sources.reference(SourceName.parse(read.source()));
		return new SourceUnitReader<>(READER, read.exchanges(),
				(exchange) -> reference.calendar(exchange, read.startDate(), read.endDate()));
	}

	/**
	 * Ends a completed run with what the warehouse now holds for the window, per
	 * exchange, so that a calendar the source left short is seen at once.
	 */
	private static final class Summary implements JobExecutionListener {

		private final JdbcTemplate jdbc;

		private final RejectedRowStore rejects;

		private final SourceResolver sources;

		Summary(DataSource dataSource, SourceResolver sources) {
			this.jdbc = new JdbcTemplate(dataSource);
			this.sources = sources;
			this.rejects = new RejectedRowStore(dataSource, CalendarParameters.JOB_NAME);
		}

		@Override
		public void afterJob(JobExecution execution) {
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				return;
			}
			CalendarParameters read = CalendarParameters.of(execution.getJobParameters());
			long expected = read.startDate().datesUntil(read.endDate().plusDays(1)).count();
			List<String> parts = new ArrayList<>();
			boolean missing = false;
			for (String exchange : read.exchanges()) {
				Integer[] counts = this.jdbc.queryForObject(
						"select count(*), count(*) filter (where is_open) from market.trading_calendar "
								+ "where exchange = ? and cal_date between ? and ?",
						(rs, row) -> new Integer[] { rs.getInt(1), rs.getInt(2) }, exchange, read.startDate(),
						read.endDate());
				parts.add(exchange + " " + counts[0] + " of " + expected + " days, " + counts[1] + " open");
				missing |= counts[0] < expected;
			}
			long rejected = this.rejects.count(SourceUnitJobs.loadBatch(execution));
			String description = "source: " + this.sources.describe(read.source()) + "; " + read.startDate() + " to "
					+ read.endDate() + ": " + String.join("; ", parts)
					+ ((rejected > 0) ? "; " + rejected + " rows rejected, see market.rejected_rows." : ".");
			execution.setExitStatus(missing ? new ExitStatus("INCOMPLETE", "The source left days out; " + description)
					: ExitStatus.COMPLETED.addExitDescription(description));
		}

	}

}
