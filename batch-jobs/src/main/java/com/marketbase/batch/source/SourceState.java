package com.marketbase.batch.source;

/**
 * How a source is doing right now, as job progress and the console show it.
 */
public enum SourceState {

	/** Calls go through. */
	OK,

	/** Calls wait for the quota of an endpoint; nothing has failed. */
	WAITING_FOR_QUOTA,

	/** The last call failed after its retries, or failed permanently. */
	FAILING

}
