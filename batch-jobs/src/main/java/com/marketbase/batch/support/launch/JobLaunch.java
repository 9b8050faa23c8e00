package com.marketbase.batch.support.launch;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * How a job reads the parameters a person gives it, on the command line, in the console
 * or from the schedule, and what it tells about its work. Every job offers one; the same
 * validation and messages apply everywhere.
 */
public interface JobLaunch {

	/**
	 * The job's name.
	 * @return for example {@code minute_1m}
	 */
	String jobName();

	/**
	 * The parameters a launch may give, in the order a form shows them.
	 * @return the fields
	 */
	List<LaunchField> fields();

	/**
	 * Turns typed {@code name=value} pairs into job parameters, refusing anything
	 * unknown, malformed or contradictory before anything runs.
	 * @param given the pairs
	 * @return the parameters
	 * @throws IllegalArgumentException with one message saying what is allowed
	 */
	JobParameters parameters(Map<String, String> given);

	/**
	 * The dataset whose coverage the job's loads fill.
	 * @return its name in {@code market.datasets}, or {@code null} for a job that loads
	 * reference data
	 */
	@Nullable String dataset();

	/**
	 * The rollout module switch that governs a job which is no dataset (a snapshot of
	 * realtime quotes, say); datasets are governed through {@code market.datasets}.
	 * @return the switch's name, or {@code null} (the default) for none
	 */
	default @Nullable String rolloutSwitch() {
		return null;
	}

	/**
	 * How far an execution of the job has come and its work units by status.
	 * @return the job's account of its work
	 */
	JobWork work();

	/**
	 * The source this job's launches read when they name none, where the job has a
	 * default of its own.
	 * @return the source's key, or {@code null} to follow
	 * {@code marketbase.sources.default-source}
	 */
	default @Nullable String defaultSource() {
		return null;
	}

	/**
	 * What to say when a launch's job instance has completed already.
	 * @param parameters the launch's parameters
	 * @return the sentence, with what to do
	 */
	default String alreadyCompleted(JobParameters parameters) {
		return jobName() + " already completed for these parameters; add force=true to load again.";
	}

}
