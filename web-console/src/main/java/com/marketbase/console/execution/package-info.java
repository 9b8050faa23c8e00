/**
 * Executions as the console lists and shows them, read straight from the job repository's
 * tables.
 */
package com.marketbase.console.execution;
