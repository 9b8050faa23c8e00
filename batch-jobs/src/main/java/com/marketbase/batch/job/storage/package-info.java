/**
 * The job {@code storage}: every table's compression and retention settings applied, as
 * TimescaleDB policies in full mode, and by the job itself where the license or the
 * database has none (retention only; compression is reported as not available).
 */
package com.marketbase.batch.job.storage;
