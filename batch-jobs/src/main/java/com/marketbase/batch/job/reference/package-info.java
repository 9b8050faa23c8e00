/**
 * What the reference-data jobs (calendar, instruments) share: the sources they read, a
 * reader of source calls as work units, the store of rejected rows, and their settings.
 */
package com.marketbase.batch.job.reference;
