/**
 * The {@code reconcile} job: a day of the warehouse compared with the sources' own
 * aggregates and with itself, differences stored with their likely cause.
 */
package com.marketbase.batch.job.reconcile;
