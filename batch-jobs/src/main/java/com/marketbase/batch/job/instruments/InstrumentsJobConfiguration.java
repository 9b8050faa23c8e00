package com.marketbase.batch.job.instruments;

import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.job.ExecutionOwner;
import com.marketbase.batch.job.MarketReference;
import com.marketbase.batch.job.reference.ReferenceJobProperties;
import com.marketbase.batch.job.reference.ReferenceSources;
import com.marketbase.batch.job.reference.FetchedItemWriter;
import com.marketbase.batch.job.reference.RejectedRowStore;
import com.marketbase.batch.job.reference.SourceUnitReader;
import com.marketbase.batch.source.Fetched;
import com.marketbase.batch.source.Instrument;

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
 * Wires {@code instruments}: one chunked step whose work units are the listing statuses
 * (listed, delisted, paused), each fetched whole and upserted in its own transaction.
 */
@Configuration(proxyBeanMethods = false)
class InstrumentsJobConfiguration {

	/** Tushare's listing statuses: listed, delisted, paused. */
	static final List<String> STATUSES = List.of("L", "D", "P");

	@Bean
	Job instrumentsJob(JobRepository jobRepository, Step instrumentsLoadStep, DataSource dataSource) {
		return new JobBuilder(InstrumentsParameters.JOB_NAME, jobRepository)
			.validator(new InstrumentsParameters.Validator())
			.start(instrumentsLoadStep)
			.listener(ExecutionOwner.recorder(jobRepository))
			.listener(new Summary(dataSource))
			.build();
	}

	@Bean
	InstrumentsLaunch instrumentsLaunch(ReferenceJobProperties properties) {
		return new InstrumentsLaunch(properties);
	}

	@Bean
	Step instrumentsLoadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SourceUnitReader<Fetched<Instrument>> instrumentsReader,
			ItemWriter<Fetched<Instrument>> instrumentsWriter) {
		return new StepBuilder("instruments.load", jobRepository).<Fetched<Instrument>, Fetched<Instrument>>chunk(1)
			.transactionManager(transactionManager)
			.reader(instrumentsReader)
			.writer(instrumentsWriter)
			.build();
	}

	@Bean
	@StepScope
	ItemWriter<Fetched<Instrument>> instrumentsWriter(@Value("#{stepExecution}") StepExecution stepExecution,
			DataSource dataSource) {
		return new FetchedItemWriter<>(new MarketReference(dataSource)::storeShares,
				new RejectedRowStore(dataSource, InstrumentsParameters.JOB_NAME), stepExecution);
	}

	@Bean
	@StepScope
	SourceUnitReader<Fetched<Instrument>> instrumentsReader(@Value("#{stepExecution}") StepExecution stepExecution,
			ReferenceSources sources) {
		String source = InstrumentsParameters.of(stepExecution.getJobParameters()).source();
		return new SourceUnitReader<>("instruments", STATUSES, (status) -> sources.stocks(source, status));
	}

	/**
	 * Ends a completed run with the stored A-shares per exchange, so that a list the
	 * source left empty is seen at once.
	 */
	private static final class Summary implements JobExecutionListener {

		private final JdbcTemplate jdbc;

		Summary(DataSource dataSource) {
			this.jdbc = new JdbcTemplate(dataSource);
		}

		@Override
		public void afterJob(JobExecution execution) {
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				return;
			}
			List<String> counts = this.jdbc.queryForList("select exchange || ' ' || count(*) "
					+ "|| ' (' || count(*) filter (where asset_class = 'etf') || ' ETFs)' from market.instruments "
					+ "where asset_class in ('stock', 'etf') group by exchange order by exchange", String.class);
			long rejected = RejectedRowStore.count(execution);
			String rejects = (rejected > 0) ? "; " + rejected + " rows rejected, see market.rejected_rows." : ".";
			execution.setExitStatus(counts.isEmpty()
					? new ExitStatus("NOTHING_LOADED", "The source listed no A-shares" + rejects) : ExitStatus.COMPLETED
						.addExitDescription("A-shares stored: " + String.join(", ", counts) + rejects));
		}

	}

}
