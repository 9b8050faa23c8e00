/**
 * The source sandbox: Tushare Pro, the TDX gateway and Eastmoney simulated over real HTTP
 * on one loopback port, with deterministic synthetic data, real exchange holidays,
 * per-token quotas and permissions, and faults on request. Tests and newcomers point the
 * real connectors at it; the application uses it when no source is configured, and
 * {@code java -jar batch.jar sandbox --port 7700} runs it on its own.
 */
package com.marketbase.batch.sandbox;
