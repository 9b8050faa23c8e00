/**
 * Who runs an execution (host and process, so that one left by a dead process can be
 * recovered) and how far the running load of this process has come.
 */
package com.marketbase.batch.support.execution;
