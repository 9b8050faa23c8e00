package com.marketbase.console;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Reports a console setting that cannot work as its message and its advice, without the
 * stack trace of the bean that could not be made.
 */
class ConsoleSettingsFailureAnalyzer implements FailureAnalyzer, Ordered {

	// Ahead of any catch-all analyzer.
	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof ConsoleSettingsException settings) {
				return new FailureAnalysis(settings.getMessage(), settings.action(), failure);
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

}
