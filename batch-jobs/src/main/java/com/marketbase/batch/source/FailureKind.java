package com.marketbase.batch.source;

/**
 * The four ways a call to a source can fail, each with its own handling.
 */
public enum FailureKind {

	/**
	 * I/O errors, timeouts, 5xx answers, garbled bodies: retried with bounded backoff.
	 */
	TRANSIENT,

	/** The source refused for quota: wait for the quota and retry; never a failure. */
	RATE_LIMITED,

	/**
	 * A row that cannot be true: it is rejected with its reason and the rest continues.
	 */
	BAD_DATA,

	/** Bad token, no permission, unknown API, bad request: fail at once. */
	PERMANENT

}
