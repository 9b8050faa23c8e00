package com.marketbase.batch;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * The last word on a start-up failure no other analyzer took: a part of the application
 * that could not be made is reported by its innermost cause, in one line, instead of a
 * hundred lines of nested bean names. Boot's own analyzers (a port in use, a property
 * that does not bind) and Marketbase's (the database, the embedded warehouse, the
 * schedule, the console's settings) come first and say more.
 */
class StartupFailureAnalyzer implements FailureAnalyzer, Ordered {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		if (!(failure instanceof BeanCreationException)) {
			return null;
		}
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
			// Boot's own failures (a property that does not bind, a port in use) have
			// their
			// analyzers, which say more.
			if (cause.getClass().getName().startsWith("org.springframework.boot.")) {
				return null;
			}
		}
		String message = (cause.getMessage() != null && !cause.getMessage().isBlank()) ? cause.getMessage()
				: cause.getClass().getSimpleName();
		int newline = message.indexOf('\n');
		return new FailureAnalysis(
				"Marketbase could not start: " + ((newline > 0) ? message.substring(0, newline) : message).strip(),
				"Check the setting or file it names; run again with --debug for where it failed.", failure);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
