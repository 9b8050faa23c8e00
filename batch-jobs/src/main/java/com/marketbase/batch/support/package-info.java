/**
 * What the jobs share, below them and above the warehouse: reading a launch, recording
 * who runs an execution and how far it has come, the units a dataset owes and the ones
 * that keep failing, the rows a source sent and rejected, and the dataset pipeline that
 * daily-style datasets are built on. Nothing here knows a job or a source connector;
 * connectors deliver into its types and jobs wire them together.
 */
package com.marketbase.batch.support;
