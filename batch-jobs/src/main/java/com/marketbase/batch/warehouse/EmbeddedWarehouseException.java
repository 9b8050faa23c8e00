package com.marketbase.batch.warehouse;

/**
 * The embedded warehouse could not start, with what to do about it; start-up reports it
 * in one line.
 */
public class EmbeddedWarehouseException extends RuntimeException {

	private final String action;

	EmbeddedWarehouseException(String message, String action, Throwable cause) {
		super(message, cause);
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
