/**
 * The job {@code fina_indicator}: every version of each stock's financial indicators per
 * report period (originals and restatements, each with its announcement day) into
 * {@code market.financial_indicators}, queryable as of a day through
 * {@code market.financial_indicators_as_of}, from Tushare Pro (or the sandbox) on the
 * dataset pipeline.
 */
package com.marketbase.batch.job.finaindicator;
