package com.marketbase.console.action;

/**
 * An action the execution's present state does not allow, such as restarting a completed
 * execution or stopping one that is not running.
 */
public class ActionConflictException extends RuntimeException {

	public ActionConflictException(String message) {
		super(message);
	}

}
