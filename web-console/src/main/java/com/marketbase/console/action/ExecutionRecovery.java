package com.marketbase.console.action;

import org.springframework.batch.core.job.JobExecution;

/**
 * How the application makes an execution that a lost database left UNKNOWN restartable,
 * the same way its command line does; the console asks it once the process that ran the
 * execution is gone.
 */
@FunctionalInterface
public interface ExecutionRecovery {

	/**
	 * Marks the execution and its unfinished steps FAILED.
	 * @param execution the execution, with its steps
	 * @return the execution, FAILED
	 */
	JobExecution markFailed(JobExecution execution);

}
