package com.marketbase.console.security;

/**
 * What a console user may do.
 */
public enum ConsoleRole {

	/** Reads executions, logs, bars and the system page. */
	VIEWER,

	/** Also launches, restarts, stops, abandons and recovers executions. */
	OPERATOR

}
