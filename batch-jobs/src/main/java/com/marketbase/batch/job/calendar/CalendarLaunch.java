package com.marketbase.batch.job.calendar;

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
 * Reads a {@code calendar} launch; without a window it loads the current year in Beijing.
 */
class CalendarLaunch implements JobLaunch {

	private final SourceResolver sources;

	private final MixedSources mixed;

	CalendarLaunch(SourceResolver sources, DataSource dataSource) {
		this.sources = sources;
		this.mixed = new MixedSources(dataSource);
	}

	@Override
	public String jobName() {
		return CalendarParameters.JOB_NAME;
	}

	@Override
	public List<LaunchField> fields() {
		return List.of(
				new LaunchField("start_date", "First day, YYYY-MM-DD; empty means 1 January of the year", "2026-01-01"),
				new LaunchField("end_date", "Last day; empty means 31 December", "2026-12-31"),
				new LaunchField("exchanges", "SSE, SZSE, CFFEX, SHFE, CZCE, DCE, INE, comma-separated (tdx: SSE, SZSE)",
						"SSE"),
				new LaunchField("trade_date", "The day a scheduled run is for; its year without a window",
						"2026-11-20"),
				LaunchField.source(CalendarParameters.SOURCES), LaunchField.force(), LaunchField.allowMixedSources());
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		LocalDate today = LocalDate.now(AggregateWindow.MARKET_ZONE);
		// Names and days first; the source is settled once they are right.
		CalendarParameters.parse(given, today, "");
		String source = this.sources.resolve(given.get("source"), null, CalendarParameters.SOURCES);
		this.mixed.check(source, this.sources,
				new LaunchInput(jobName(), given, CalendarParameters.NAMES).flag(LaunchInput.ALLOW_MIXED_SOURCES));
		return CalendarParameters.parse(given, today, source).toJobParameters();
	}

	@Override
	public String dataset() {
		return null;
	}

	@Override
	public JobWork work() {
		return SourceUnitJobs.work("calendar.load", CalendarJobConfiguration.READER,
				(parameters) -> CalendarParameters.of(parameters).exchanges());
	}

}
