package com.marketbase.console.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The facts about one job that Spring Batch's repository does not hold. A job offers a
 * bean of this type to be launchable from the console and to show progress and work
 * units; the console itself knows no job.
 */
public interface JobFacts {

	/**
	 * The job's name.
	 * @return for example {@code minute_1m}
	 */
	String jobName();

	/**
	 * The dataset whose coverage the job's loads fill, for a link to it.
	 * @return its name, or empty for a job that loads reference data
	 */
	default Optional<String> dataset() {
		return Optional.empty();
	}

	/**
	 * The fields of the launch form, in order.
	 * @return the fields
	 */
	List<LaunchField> launchFields();

	/**
	 * Reads typed {@code name=value} pairs with the same validation and messages as the
	 * command line.
	 * @param given the pairs
	 * @return the job parameters
	 * @throws InvalidLaunchException naming the field and the reason
	 */
	JobParameters parameters(Map<String, String> given);

	/**
	 * Refuses a restart whose parameters a launch would refuse now (a source no longer
	 * configured, say).
	 * @param parameters the parameters of the execution to restart
	 */
	default void checkRestart(JobParameters parameters) {
	}

	/**
	 * What to say when a launch's job instance has completed already.
	 * @param parameters the launch's parameters
	 * @return the sentence, with what to do
	 */
	default String alreadyCompleted(JobParameters parameters) {
		return jobName() + " already completed for these parameters; add force=true to load again.";
	}

	/**
	 * How far an execution has come, from what any process running it has stored.
	 * @param execution the execution, as loaded from the repository
	 * @return the progress, empty while the job does not know its work yet
	 */
	Optional<Progress> progress(JobExecution execution);

	/**
	 * The execution's work units by status, with the failed ones and their last error.
	 * @param execution the execution
	 * @return the work units
	 */
	WorkUnits workUnits(JobExecution execution);

}
