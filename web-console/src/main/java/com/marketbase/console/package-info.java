/**
 * Web console and REST API over Spring Batch's job repository.
 */
package com.marketbase.console;
