/**
 * The Marketbase batch application: jobs, source connectors, warehouse writers and the
 * CLI.
 */
package com.marketbase.batch;
