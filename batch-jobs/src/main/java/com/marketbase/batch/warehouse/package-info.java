/**
 * The warehouse database: which of the three modes it runs in (plain PostgreSQL,
 * TimescaleDB Apache, TimescaleDB full), the embedded default, and the refresh of the bar
 * aggregates.
 */
package com.marketbase.batch.warehouse;
