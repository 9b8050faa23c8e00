package com.marketbase.batch.source;

/**
 * A failure that may go away when the call is repeated: I/O errors, timeouts, server
 * errors, a body that is not the JSON the source normally sends.
 */
public final class TransientSourceException extends SourceException {

	public TransientSourceException(SourceName source, String endpoint, String cause, Throwable throwable) {
		super(source, endpoint, source.displayName() + " " + endpoint + " failed for now: " + cause, throwable);
	}

	@Override
	public FailureKind kind() {
		return FailureKind.TRANSIENT;
	}

}
