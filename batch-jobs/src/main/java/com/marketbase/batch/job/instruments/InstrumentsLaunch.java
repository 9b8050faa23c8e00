package com.marketbase.batch.job.instruments;

import java.time.LocalDate;
import java.util.Map;

import com.marketbase.batch.job.JobLaunch;
import com.marketbase.batch.job.reference.ReferenceJobProperties;
import com.marketbase.batch.warehouse.AggregateWindow;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Reads an {@code instruments} launch for the current Beijing day.
 */
class InstrumentsLaunch implements JobLaunch {

	private final ReferenceJobProperties properties;

	InstrumentsLaunch(ReferenceJobProperties properties) {
		this.properties = properties;
	}

	@Override
	public String jobName() {
		return InstrumentsParameters.JOB_NAME;
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		return InstrumentsParameters
			.parse(given, LocalDate.now(AggregateWindow.MARKET_ZONE), this.properties.defaultSource())
			.toJobParameters();
	}

}
