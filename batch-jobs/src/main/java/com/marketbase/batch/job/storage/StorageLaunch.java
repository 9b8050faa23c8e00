package com.marketbase.batch.job.storage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.JobWork;
import com.marketbase.batch.support.launch.LaunchField;
import com.marketbase.batch.support.launch.LaunchInput;
import com.marketbase.batch.warehouse.AggregateWindow;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Reads a {@code storage} launch: the day it is for ({@code trade_date}, today in Beijing
 * unless given) makes each day's run one job instance, so a schedule's catch-up does not
 * repeat a day; {@code force=true} runs a day again.
 */
class StorageLaunch implements JobLaunch {

	static final String JOB_NAME = "storage";

	private static final Set<String> NAMES = Set.of("trade_date", "force");

	private final Clock clock;

	StorageLaunch(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String jobName() {
		return JOB_NAME;
	}

	@Override
	public List<LaunchField> fields() {
		return List.of(new LaunchField("trade_date", "The day a scheduled run is for; empty means today", "2026-11-20"),
				LaunchField.force());
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		LaunchInput input = new LaunchInput(JOB_NAME, given, NAMES);
		LocalDate day = input.days(LocalDate.now(this.clock.withZone(AggregateWindow.MARKET_ZONE))).first();
		String force = input.get("force");
		if (force != null && !force.equals("true") && !force.equals("false")) {
			throw new IllegalArgumentException("force is '" + force + "'; it is true or false.");
		}
		JobParametersBuilder parameters = new JobParametersBuilder().addLocalDate("trade_date", day);
		if ("true".equals(force)) {
			parameters.addLocalDateTime("forced_at",
					LocalDateTime.now(this.clock.withZone(AggregateWindow.MARKET_ZONE)).truncatedTo(ChronoUnit.MILLIS));
		}
		return parameters.toJobParameters();
	}

	@Override
	public @Nullable String dataset() {
		return null;
	}

	@Override
	public String alreadyCompleted(JobParameters parameters) {
		return "storage already ran for " + parameters.getLocalDate("trade_date") + "; add force=true to run it again.";
	}

	@Override
	public JobWork work() {
		return JobWork.none();
	}

}
