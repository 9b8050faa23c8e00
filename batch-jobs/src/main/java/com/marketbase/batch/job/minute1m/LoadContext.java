package com.marketbase.batch.job.minute1m;

import com.marketbase.batch.source.SourceName;

/**
 * What every row of one execution's load is stamped with.
 *
 * @param source the source the bars come from
 * @param loadBatchId the load batch of the job instance
 * @param jobExecutionId the running execution
 */
record LoadContext(SourceName source, long loadBatchId, long jobExecutionId) {
}
