package com.marketbase.batch.source;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach one source and how hard to press it. Credentials are not part of it (see
 * {@link Secret}).
 *
 * @param baseUrl where the source answers; empty means its documented address where it
 * has one (Tushare Pro, Eastmoney) and not configured otherwise (the TDX gateway)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param proxy an HTTP proxy for this source only, for example
 * {@code http://proxy.example:3128}; empty means a direct connection
 * @param callsPerMinute the quota per endpoint in calls per minute; the key
 * {@code default} applies to endpoints without their own entry
 * @param retry how transient failures are retried
 */
public record SourceSettings(URI baseUrl, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout, URI proxy, Map<String, Integer> callsPerMinute,
		@DefaultValue Retry retry) {

	public SourceSettings {
		callsPerMinute = (callsPerMinute != null) ? Map.copyOf(callsPerMinute) : Map.of();
	}

	/**
	 * The quota of one endpoint. An endpoint's lane ({@code stk_mins@intraday}, see
	 * {@link com.marketbase.batch.source.quota.CallQuota#lane}) has its own entry or,
	 * without one, half of the endpoint's quota, so that the lane's callers leave the
	 * other half to everyone else.
	 * @param endpoint the endpoint, or an endpoint's lane
	 * @return calls per minute, or 0 when the endpoint is not limited
	 */
	public int callsPerMinute(String endpoint) {
		Integer limit = this.callsPerMinute.get(endpoint);
		int lane = endpoint.indexOf('@');
		if (limit == null && lane > 0) {
			int whole = callsPerMinute(endpoint.substring(0, lane));
			return (whole > 0) ? Math.max(1, whole / 2) : 0;
		}
		if (limit == null) {
			limit = this.callsPerMinute.get("default");
		}
		return (limit != null) ? limit : 0;
	}

	/**
	 * These settings pointing at another base URL.
	 * @param url the base URL
	 * @return the settings
	 */
	public SourceSettings at(URI url) {
		return new SourceSettings(url, this.connectTimeout, this.readTimeout, this.proxy, this.callsPerMinute,
				this.retry);
	}

	/**
	 * Settings for tests and the sandbox: the given base URL, short timeouts, no quota.
	 * @param url the base URL
	 * @return the settings
	 */
	public static SourceSettings direct(URI url) {
		return new SourceSettings(url, Duration.ofSeconds(2), Duration.ofSeconds(30), null, Map.of(),
				new Retry(4, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(2)));
	}

	/**
	 * How transient failures are retried: exponential backoff with jitter, bounded.
	 *
	 * @param maxRetries retries after the first attempt
	 * @param initialDelay the delay before the first retry, doubled for each further one
	 * @param maxDelay the longest delay between two attempts
	 * @param coolDown how long an endpoint rests after the source answered "rate limited"
	 */
	public record Retry(@DefaultValue("4") int maxRetries, @DefaultValue("500ms") Duration initialDelay,
			@DefaultValue("30s") Duration maxDelay, @DefaultValue("10s") Duration coolDown) {

		public Retry withCoolDown(Duration coolDown) {
			return new Retry(this.maxRetries, this.initialDelay, this.maxDelay, coolDown);
		}

	}

}
