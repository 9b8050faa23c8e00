package com.marketbase.console.job;

/**
 * A launch could not be settled because something it needs (a source, for the trading
 * calendar) is not available now; the request may succeed later.
 */
public class LaunchUnavailableException extends RuntimeException {

	public LaunchUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
