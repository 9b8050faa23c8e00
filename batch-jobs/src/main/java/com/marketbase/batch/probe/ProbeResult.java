package com.marketbase.batch.probe;

import java.time.Instant;

/**
 * What one endpoint answered to a probe.
 *
 * @param source the source's key, for example {@code tushare}
 * @param endpoint the endpoint in the source's terms, for example {@code stk_premarket}
 * @param request the request sent, without credentials
 * @param granted whether the endpoint answered with data (possibly none)
 * @param message what the source said: its permission or quota text, how the call failed,
 * or how many rows it sent
 * @param probedAt when
 */
public record ProbeResult(String source, String endpoint, String request, boolean granted, String message,
		Instant probedAt) {

	/**
	 * The probe in one line, as the command line shows it.
	 * @return the line
	 */
	public String line() {
		return String.format("%-10s %-20s %-8s %s", this.source, this.endpoint, this.granted ? "granted" : "refused",
				this.message);
	}

}
