package com.marketbase.batch.source;

/**
 * A failure that repeating the call cannot fix: a bad or missing token, no permission for
 * the endpoint, an unknown API, a request the source refuses.
 */
public final class PermanentSourceException extends SourceException {

	public PermanentSourceException(SourceName source, String endpoint, String cause) {
		super(source, endpoint, source.displayName() + " refused " + endpoint + ": " + cause + ".", null);
	}

	@Override
	public FailureKind kind() {
		return FailureKind.PERMANENT;
	}

}
