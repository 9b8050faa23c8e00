/**
 * The server's surroundings: warehouse mode, database version and the sources with their
 * quotas and state, credentials never included.
 */
package com.marketbase.console.system;
