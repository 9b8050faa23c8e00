/**
 * The source self-test's runs as {@code batch.jar selftest} kept them, each downloadable
 * as JSON.
 */
package com.marketbase.console.selftest;
