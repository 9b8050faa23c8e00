package com.marketbase.batch.source;

/**
 * A failure that may go away when the call is repeated: I/O errors, timeouts, server
 * errors, a body that is not the JSON the source normally sends.
 */
public final class TransientSourceException extends SourceException {

	public TransientSourceException(SourceName source, String endpoint, String cause, Throwable throwable) {
		super(source, endpoint, source.displayName() + " " + endpoint + " failed for now: " + cause, throwable);
	}

	private TransientSourceException(SourceName source, String endpoint, String message, Throwable throwable,
			boolean whole) {
		super(source, endpoint, message, throwable);
	}

	/**
	 * A source whose address does not answer at all.
	 * @param source the source
	 * @param where its address, without credentials
	 * @param property the property that sets the address
	 * @param cause why the connection failed
	 * @return the failure, one sentence naming the address and what to check
	 */
	public static TransientSourceException unreachable(SourceName source, String where, String property,
			Throwable cause) {
		String why = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return new TransientSourceException(source, where, source.displayName() + " cannot be reached at " + where
				+ " (" + why + "); check " + property + " and the network.", cause, true);
	}

	@Override
	public FailureKind kind() {
		return FailureKind.TRANSIENT;
	}

}
