package com.marketbase.batch.schedule;

/**
 * A schedule the server refuses to start with, saying which entry and why.
 */
public class ScheduleException extends RuntimeException {

	ScheduleException(String message) {
		super(message);
	}

}
