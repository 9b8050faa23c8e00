package com.marketbase.batch.source;

/**
 * One row of a source's answer cannot be true (a high below the low, a negative volume, a
 * date that does not parse). The row is rejected; the rest of the answer is kept.
 */
public final class BadDataException extends SourceException {

	public BadDataException(SourceName source, String endpoint, String reason) {
		super(source, endpoint, reason, null);
	}

	@Override
	public FailureKind kind() {
		return FailureKind.BAD_DATA;
	}

}
