package com.marketbase.batch.schedule;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused schedule into one message naming the entry, instead of a stack trace.
 */
class ScheduleFailureAnalyzer extends AbstractFailureAnalyzer<ScheduleException> implements Ordered {

	// Ahead of the last-resort StartupFailureAnalyzer.
	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, ScheduleException cause) {
		return new FailureAnalysis("The schedule cannot start: " + cause.getMessage(),
				"Fix the marketbase.schedule.entries properties; 'java -jar batch.jar help' lists the jobs.", cause);
	}

}
