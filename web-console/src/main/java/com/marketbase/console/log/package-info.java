/**
 * Each execution's log, captured from the threads that run it, kept one file per
 * execution.
 */
package com.marketbase.console.log;
