/**
 * Funds on the console: intraday estimates answered from the warehouse's cache (never
 * from a source inside the request), the watchlist and the funds held, NAV syncs queued
 * for the background worker, and how good the estimates turned out.
 */
@NullMarked
package com.marketbase.console.funds;

import org.jspecify.annotations.NullMarked;
