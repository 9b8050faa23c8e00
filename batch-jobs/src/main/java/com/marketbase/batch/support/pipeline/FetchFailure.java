package com.marketbase.batch.support.pipeline;

/**
 * Marks a failure that fails the units of one fetch, not the run: the source could not be
 * read for now (after its connector's retries), so the units are recorded failed and a
 * later run retries them. Every other failure of a fetch (a bad token, no permission)
 * ends the execution.
 */
public interface FetchFailure {

}
