package com.marketbase.console.action;

/**
 * A job name this process does not define.
 */
public class UnknownJobException extends RuntimeException {

	public UnknownJobException(String message) {
		super(message);
	}

}
