package com.marketbase.console;

/**
 * A console setting that cannot work, with what to do about it; start-up reports it in
 * one line instead of a stack trace.
 */
public class ConsoleSettingsException extends IllegalStateException {

	private final String action;

	public ConsoleSettingsException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * What the person can do.
	 * @return the advice
	 */
	public String action() {
		return this.action;
	}

}
