/**
 * Fund estimates kept fresh off the request path: a durable, prioritised queue on
 * db-scheduler (watchlist, funds held, the rest), paced source calls, Eastmoney's
 * estimate where it has one and Marketbase's own from the disclosed holdings otherwise,
 * and NAV syncs run as {@code fund_nav} loads.
 */
@NullMarked
package com.marketbase.batch.funds;

import org.jspecify.annotations.NullMarked;
