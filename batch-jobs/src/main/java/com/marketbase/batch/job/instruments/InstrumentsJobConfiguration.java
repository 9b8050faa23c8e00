package com.marketbase.batch.job.instruments;

import java.util.List;

import javax.sql.DataSource;

import com.marketbase.batch.support.execution.ExecutionOwner;
import com.marketbase.batch.warehouse.reference.MarketReference;
import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.pipeline.SourceUnitJobs;
import com.marketbase.batch.support.pipeline.FetchedItemWriter;
import com.marketbase.batch.support.rows.RejectedRowStore;
import com.marketbase.batch.support.pipeline.SourceUnitReader;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.reference.ReferenceItem;

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
 * Wires {@code instruments}: one chunked step whose work units are the source's lists
 * (stocks listed, delisted and paused, ETFs, indexes per market, futures per exchange,
 * SGE spot, FX pairs, and last the Beijing re-coding, which links codes the lists before
 * it stored), each fetched whole and upserted in its own transaction.
 */
@Configuration(proxyBeanMethods = false)
class InstrumentsJobConfiguration {

	/** The name the reader keeps its position under. */
	static final String READER = "instruments";

	static final List<String> UNITS = List.of("stocks:L", "stocks:D", "stocks:P", "etfs", "funds", "indexes:SSE",
			"indexes:SZSE", "indexes:CSI", "indexes:OTH", "futures:CFFEX", "futures:SHFE", "futures:DCE",
			"futures:CZCE", "futures:INE", "futures:GFEX", "spot", "fx", "codes");

	@Bean
	Job instrumentsJob(JobRepository jobRepository, Step instrumentsLoadStep, DataSource dataSource,
			SourceResolver sources) {
		return new JobBuilder(InstrumentsParameters.JOB_NAME, jobRepository)
			.validator(new InstrumentsParameters.Validator())
			.start(instrumentsLoadStep)
			.listener(ExecutionOwner.recorder(jobRepository))
			.listener(SourceUnitJobs.loadBatch(dataSource, jobRepository))
			.listener(new Summary(dataSource, sources))
			.build();
	}

	@Bean
	InstrumentsLaunch instrumentsLaunch(SourceResolver sources, DataSource dataSource) {
		return new InstrumentsLaunch(sources, dataSource);
	}

	@Bean
	Step instrumentsLoadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SourceUnitReader<Fetched<ReferenceItem>> instrumentsReader,
			ItemWriter<Fetched<ReferenceItem>> instrumentsWriter) {
		return new StepBuilder("instruments.load", jobRepository)
			.<Fetched<ReferenceItem>, Fetched<ReferenceItem>>chunk(1)
			.transactionManager(transactionManager)
			.reader(instrumentsReader)
			.writer(instrumentsWriter)
			.build();
	}

	@Bean
	@StepScope
	ItemWriter<Fetched<ReferenceItem>> instrumentsWriter(@Value("#{stepExecution}") StepExecution stepExecution,
			DataSource dataSource) {
		return new FetchedItemWriter<>(new MarketReference(dataSource)::storeInstruments,
				new RejectedRowStore(dataSource, InstrumentsParameters.JOB_NAME), stepExecution);
	}

	@Bean
	@StepScope
	SourceUnitReader<Fetched<ReferenceItem>> instrumentsReader(@Value("#{stepExecution}") StepExecution stepExecution,
			SourceResolver sources) {
		ReferenceFeed reference = sources
			.reference(SourceName.parse(InstrumentsParameters.of(stepExecution.getJobParameters()).source()));
		return new SourceUnitReader<>(READER, UNITS, reference::instruments);
	}

	/**
	 * Ends a completed run with the stored A-shares per exchange and the other classes,
	 * so that a list the source left empty is seen at once.
	 */
	private static final class Summary implements JobExecutionListener {

		private final JdbcTemplate jdbc;

		private final RejectedRowStore rejects;

		private final SourceResolver sources;

		Summary(DataSource dataSource, SourceResolver sources) {
			this.jdbc = new JdbcTemplate(dataSource);
			this.rejects = new RejectedRowStore(dataSource, InstrumentsParameters.JOB_NAME);
			this.sources = sources;
		}

		@Override
		public void afterJob(JobExecution execution) {
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				return;
			}
			List<String> counts = this.jdbc.queryForList("select exchange || ' ' || count(*) "
					+ "|| ' (' || count(*) filter (where list_status = 'D') || ' delisted, ' "
					+ "|| count(*) filter (where list_status = 'P') || ' paused)' from market.instruments "
					+ "where asset_class = 'stock' group by exchange order by exchange", String.class);
			String others = this.jdbc.queryForObject("select count(*) filter (where asset_class = 'etf') || ' ETFs, ' "
					+ "|| count(*) filter (where asset_class = 'index') || ' indexes, ' "
					+ "|| count(*) filter (where asset_class = 'future') || ' futures, ' "
					+ "|| count(*) filter (where asset_class = 'spot') || ' SGE spot, ' "
					+ "|| count(*) filter (where asset_class = 'fx') || ' FX pairs, ' "
					+ "|| count(*) filter (where previous_symbol is not null) || ' re-coded' from market.instruments",
					String.class);
			long rejected = this.rejects.count(SourceUnitJobs.loadBatch(execution));
			String source = "source: "
					+ this.sources.describe(InstrumentsParameters.of(execution.getJobParameters()).source()) + "; ";
			String rejects = (rejected > 0) ? "; " + rejected + " rows rejected, see market.rejected_rows." : ".";
			execution.setExitStatus(counts.isEmpty()
					? new ExitStatus("NOTHING_LOADED", source + "the source listed no A-shares" + rejects)
					: ExitStatus.COMPLETED.addExitDescription(
							source + "A-shares stored: " + String.join(", ", counts) + "; " + others + rejects));
		}

	}

}
