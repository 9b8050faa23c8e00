/**
 * The source self-test: every configured source's endpoints asked the probe's small known
 * questions through the sources' clients (on the shared quota), each answer timed,
 * classed and kept with its run in {@code market.selftest_runs}.
 */
package com.marketbase.batch.selftest;
