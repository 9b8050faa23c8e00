/**
 * The rate limiter every source call passes: one token bucket per source and endpoint,
 * sized from the configured calls per minute, and shared by every thread, job and process
 * that uses the same warehouse database.
 * <p>
 * The buckets are Bucket4j's, kept in the warehouse table
 * {@code market.rate_limit_buckets} through its PostgreSQL proxy manager
 * ({@code SELECT ... FOR UPDATE} per acquisition). Bucket4j is a well-kept library whose
 * token-bucket arithmetic is tested far beyond what a home-made counter would be, and its
 * JDBC backend shares a bucket across processes with nothing but the database the
 * warehouse already has: no Redis, no extra service. A CLI run and the server that load
 * through the same database therefore stay within one quota together.
 * <p>
 * A bucket holds one token and refills at a little under the configured rate, so that any
 * 60-second window (how the sources count) sees at most the configured number of calls
 * even when processes start at different moments.
 */
package com.marketbase.batch.source.quota;
