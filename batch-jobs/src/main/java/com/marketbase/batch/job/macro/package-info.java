/**
 * The job {@code macro}: China's GDP, CPI, PPI and money supply, Shibor, the loan prime
 * rate and US Treasury yields into {@code market.macro_values}, each figure with the day
 * it became known, queryable as of a day through {@code market.macro_as_of}, from Tushare
 * Pro (or the sandbox) on the dataset pipeline.
 */
package com.marketbase.batch.job.macro;
