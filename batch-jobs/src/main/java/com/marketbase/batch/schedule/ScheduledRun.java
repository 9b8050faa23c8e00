package com.marketbase.batch.schedule;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What one scheduled launch came to.
 *
 * @param job the job
 * @param tradeDate the trading day it was for
 * @param outcome what happened
 * @param executionId the execution it ran, if any
 * @param detail one line for the log
 */
public record ScheduledRun(String job, LocalDate tradeDate, Outcome outcome, @Nullable Long executionId,
		String detail) {

	/** What a scheduled launch can come to. */
	public enum Outcome {

		/** The execution completed. */
		COMPLETED,
		/**
		 * The execution ended without completing; a later launch of the day resumes it.
		 */
		NOT_COMPLETED,
		/** The calendar says the day is closed. */
		CLOSED,
		/** The calendar does not know the day. */
		NO_CALENDAR,
		/** This day was loaded before: the job instance is complete. */
		ALREADY_COMPLETE,
		/** An execution of this day is running, here or on another server. */
		ALREADY_RUNNING,
		/** Another server is launching this day right now. */
		LAUNCHED_ELSEWHERE,
		/** Skipped because an execution of the same job is still running. */
		SKIPPED_BUSY,
		/** The job refused the launch. */
		REFUSED,
		/**
		 * Skipped because the dataset's batch switch or governing module switch is off.
		 */
		SWITCHED_OFF

	}

}
