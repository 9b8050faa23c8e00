package com.marketbase.batch.chain;

import org.jspecify.annotations.Nullable;

/**
 * What came of one module of a chain run.
 *
 * @param job the module's job
 * @param outcome completed, failed or skipped
 * @param executionId the execution it ran, if one ran
 * @param reason one line: the completed execution's summary, why it failed, or why it was
 * skipped
 */
public record ChainModule(String job, Outcome outcome, @Nullable Long executionId, String reason) {

	/** What a module can come to. */
	public enum Outcome {

		/** Its execution completed, now or before for the same day. */
		COMPLETED,
		/** Its execution did not complete, or its launch could not be settled. */
		FAILED,
		/**
		 * It did not run: no such job, its launch was refused, or a prerequisite failed.
		 */
		SKIPPED

	}

	/**
	 * The module in one line, as the command line and the log show it.
	 * @return the line
	 */
	public String line() {
		return switch (this.outcome) {
			case COMPLETED ->
				this.job + ": COMPLETED" + execution() + (this.reason.isBlank() ? "" : ": " + this.reason);
			case FAILED -> this.job + ": FAILED" + execution() + ": " + this.reason;
			case SKIPPED -> this.job + ": skipped: " + this.reason;
		};
	}

	private String execution() {
		return (this.executionId != null) ? " (execution " + this.executionId + ")" : "";
	}

}
