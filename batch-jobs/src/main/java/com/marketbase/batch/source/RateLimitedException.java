package com.marketbase.batch.source;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The source refused the call because the caller's quota for the endpoint is used up.
 */
public final class RateLimitedException extends SourceException {

	private final @Nullable Duration window;

	public RateLimitedException(SourceName source, String endpoint, String cause) {
		this(source, endpoint, cause, null);
	}

	/**
	 * A refusal that states the quota's window.
	 * @param source the source
	 * @param endpoint the endpoint
	 * @param cause the source's words
	 * @param window the window the quota counts over (a minute, an hour, a day), or
	 * {@code null} where the answer does not say
	 */
	public RateLimitedException(SourceName source, String endpoint, String cause, @Nullable Duration window) {
		super(source, endpoint, source.displayName() + " " + endpoint + " is rate limited: " + cause, null);
		this.window = window;
	}

	/**
	 * The window of the quota the source stated.
	 * @return the window, or {@code null} when unknown
	 */
	public @Nullable Duration window() {
		return this.window;
	}

	/**
	 * Whether waiting in the call for the quota to come back is pointless: it counts over
	 * an hour or more (a realtime API's 10 calls an hour), so the caller keeps what it
	 * has and retries once the window has passed.
	 * @return true for a window of an hour or more
	 */
	public boolean longWindow() {
		return this.window != null && this.window.compareTo(Duration.ofHours(1)) >= 0;
	}

	@Override
	public FailureKind kind() {
		return FailureKind.RATE_LIMITED;
	}

}
