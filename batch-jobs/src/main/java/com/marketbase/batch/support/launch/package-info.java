/**
 * Reading a launch the same way everywhere (command line, console, schedule): the
 * {@code name=value} pairs, the days, codes, source, mode and flags, each refused with
 * one sentence that says what is allowed; and what a job tells the console about its
 * launch and its work.
 */
package com.marketbase.batch.support.launch;
