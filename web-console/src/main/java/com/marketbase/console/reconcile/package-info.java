/**
 * The differences the {@code reconcile} job stored in {@code market.reconcile_findings},
 * for the coverage page.
 */
package com.marketbase.console.reconcile;
