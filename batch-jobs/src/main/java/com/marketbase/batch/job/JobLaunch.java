package com.marketbase.batch.job;

import java.util.Map;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * How a job reads the parameters a person gives it, on the command line or in the
 * console. Each job offers one; the same validation and messages apply everywhere.
 */
public interface JobLaunch {

	/**
	 * The job's name.
	 * @return for example {@code minute_1m}
	 */
	String jobName();

	/**
	 * Turns typed {@code name=value} pairs into job parameters, refusing anything
	 * unknown, malformed or contradictory before anything runs.
	 * @param given the pairs
	 * @return the parameters
	 * @throws IllegalArgumentException with one message saying what is allowed
	 */
	JobParameters parameters(Map<String, String> given);

}
