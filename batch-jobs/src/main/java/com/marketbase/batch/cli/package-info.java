/**
 * The command line of {@code batch.jar}: {@code job=<name> [name=value ...]} and friends.
 */
package com.marketbase.batch.cli;
