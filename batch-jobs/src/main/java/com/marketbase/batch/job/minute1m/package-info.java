/**
 * The {@code minute_1m} job: 1-minute bars for the market from a source into
 * {@code market.bars_1m}, then the 5/15/30/60-minute aggregates of the touched window.
 * <p>
 * Work units are a symbol and a window of trading days sized to the source's caps. The
 * load step is partitioned by symbol; each partition's reader keeps its position in the
 * step execution context, so a restart continues after the last committed chunk and never
 * fetches a completed unit again.
 */
package com.marketbase.batch.job.minute1m;
