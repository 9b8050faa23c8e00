package com.marketbase.console.execution;

/**
 * An execution id the job repository does not know.
 */
public class ExecutionNotFoundException extends RuntimeException {

	public ExecutionNotFoundException(long id) {
		super("No execution " + id + ".");
	}

}
