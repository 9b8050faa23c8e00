package com.marketbase.batch.source;

/**
 * The source refused the call because the caller's quota for the endpoint is used up.
 */
public final class RateLimitedException extends SourceException {

	public RateLimitedException(SourceName source, String endpoint, String cause) {
		super(source, endpoint, source.displayName() + " " + endpoint + " is rate limited: " + cause, null);
	}

	@Override
	public FailureKind kind() {
		return FailureKind.RATE_LIMITED;
	}

}
