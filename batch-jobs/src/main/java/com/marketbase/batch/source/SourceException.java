package com.marketbase.batch.source;

/**
 * A call to a market-data source that did not deliver, classified by what the caller
 * should do about it. The message is one sentence naming the source and the cause; it
 * never contains a token.
 */
public abstract sealed class SourceException extends RuntimeException
		permits TransientSourceException, RateLimitedException, BadDataException, PermanentSourceException {

	private final SourceName source;

	private final String endpoint;

	protected SourceException(SourceName source, String endpoint, String message, Throwable cause) {
		super(message, cause);
		this.source = source;
		this.endpoint = endpoint;
	}

	public SourceName source() {
		return this.source;
	}

	/**
	 * The endpoint that was called, in the source's own terms ({@code daily},
	 * {@code /api/minute}, {@code f10/lsjz}).
	 * @return the endpoint
	 */
	public String endpoint() {
		return this.endpoint;
	}

	/**
	 * What the caller does about this failure.
	 * @return the failure class
	 */
	public abstract FailureKind kind();

}
