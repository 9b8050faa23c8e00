package com.marketbase.batch.job.instruments;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.JobWork;
import com.marketbase.batch.support.launch.LaunchField;
import com.marketbase.batch.support.launch.LaunchInput;
import com.marketbase.batch.support.launch.MixedSources;
import com.marketbase.batch.support.pipeline.SourceUnitJobs;
import com.marketbase.batch.warehouse.AggregateWindow;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Reads an {@code instruments} launch for the current Beijing day.
 */
class InstrumentsLaunch implements JobLaunch {

	private final SourceResolver sources;

	private final MixedSources mixed;

	InstrumentsLaunch(SourceResolver sources, DataSource dataSource) {
		this.sources = sources;
		this.mixed = new MixedSources(dataSource);
	}

	@Override
	public String jobName() {
		return InstrumentsParameters.JOB_NAME;
	}

	@Override
	public List<LaunchField> fields() {
		return List.of(
				new LaunchField("trade_date", "The day the lists are loaded for; empty means today in Beijing",
						"2026-11-20"),
				LaunchField.source(InstrumentsParameters.SOURCES), LaunchField.force(),
				LaunchField.allowMixedSources());
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		LocalDate today = LocalDate.now(AggregateWindow.MARKET_ZONE);
		InstrumentsParameters.parse(given, today, "");
		String source = this.sources.resolve(given.get("source"), null, InstrumentsParameters.SOURCES);
		this.mixed.check(source, this.sources,
				new LaunchInput(jobName(), given, InstrumentsParameters.NAMES).flag(LaunchInput.ALLOW_MIXED_SOURCES));
		return InstrumentsParameters.parse(given, today, source).toJobParameters();
	}

	@Override
	public String dataset() {
		return null;
	}

	@Override
	public JobWork work() {
		return SourceUnitJobs.work("instruments.load", InstrumentsJobConfiguration.READER,
				(parameters) -> InstrumentsJobConfiguration.UNITS);
	}

}
