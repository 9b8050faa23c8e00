package com.marketbase.console.execution;

import org.springframework.batch.core.job.JobExecution;

/**
 * Tells whether the process running an execution still lives, so that one left running by
 * a crash can be recovered and one that still runs cannot. Jobs that record their owner
 * offer a bean; without one the console judges by the repository's last update.
 */
public interface ExecutionLiveness {

	/**
	 * What is known about the process running an execution.
	 * @param execution the execution
	 * @return the verdict
	 */
	Verdict of(JobExecution execution);

	/** What is known about a process. */
	enum Verdict {

		/** It runs. */
		ALIVE,

		/** It is gone. */
		GONE,

		/** It cannot be checked from here (another host, or no owner recorded). */
		UNKNOWN

	}

}
