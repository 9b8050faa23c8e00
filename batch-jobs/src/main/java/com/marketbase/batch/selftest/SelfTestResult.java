package com.marketbase.batch.selftest;

import org.jspecify.annotations.Nullable;

/**
 * What one endpoint answered to the self-test.
 *
 * @param source the source's key
 * @param endpoint the endpoint in the source's terms
 * @param request the request sent, without credentials
 * @param status {@code ok}, {@code slow} (answered after the slow threshold) or
 * {@code failed}
 * @param latencyMillis how long the call took, retries included
 * @param sampleSize the rows the answer held, {@code null} when it failed
 * @param errorClass for a failure: {@code timeout}, {@code unreachable},
 * {@code http error}, {@code html answer}, {@code rate limited}, {@code permission},
 * {@code refused}, {@code bad data} or {@code unreadable answer}
 * @param message what the source said, in one line
 */
public record SelfTestResult(String source, String endpoint, String request, String status, long latencyMillis,
		@Nullable Integer sampleSize, @Nullable String errorClass, String message) {

	public boolean failed() {
		return "failed".equals(this.status);
	}

	/**
	 * The result in one line, as the command line shows it.
	 * @return the line
	 */
	public String line() {
		return String.format("%-10s %-20s %-7s %7d ms %6s %-18s %s", this.source, this.endpoint, this.status,
				this.latencyMillis, (this.sampleSize != null) ? this.sampleSize : "-",
				(this.errorClass != null) ? this.errorClass : "-", this.message);
	}

}
