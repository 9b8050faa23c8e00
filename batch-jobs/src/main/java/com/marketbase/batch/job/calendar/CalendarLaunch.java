package com.marketbase.batch.job.calendar;

import com.marketbase.batch.job.reference.ReferenceJobProperties;

import java.time.LocalDate;
import java.util.Map;

import com.marketbase.batch.job.JobLaunch;
import com.marketbase.batch.warehouse.AggregateWindow;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Reads a {@code calendar} launch; without a window it loads the current year in Beijing.
 */
class CalendarLaunch implements JobLaunch {

	private final ReferenceJobProperties properties;

	CalendarLaunch(ReferenceJobProperties properties) {
		this.properties = properties;
	}

	@Override
	public String jobName() {
		return CalendarParameters.JOB_NAME;
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		return CalendarParameters
			.parse(given, LocalDate.now(AggregateWindow.MARKET_ZONE), this.properties.defaultSource())
			.toJobParameters();
	}

}
