package com.marketbase.batch.support.launch;

/**
 * A launch the warehouse is not ready for yet: the data it works on is not loaded. It is
 * an {@link IllegalArgumentException}, so every launch path refuses it with its message
 * (the command line in one line with exit 2, the console with 400), and the schedule
 * tells it apart at start: an entry for data that will be there by its firing is no
 * reason to keep the server from starting.
 */
public class NotReadyException extends IllegalArgumentException {

	public NotReadyException(String message) {
		super(message);
	}

}
