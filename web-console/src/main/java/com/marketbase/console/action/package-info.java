/**
 * Restart, stop, abandon, recover and launch, run through an asynchronous job operator so
 * that a request returns while the job runs on.
 */
package com.marketbase.console.action;
