/**
 * What the warehouse takes on disk and how its connection answers: table sizes with their
 * compression, for the console's database page and {@code storage} on the command line.
 */
package com.marketbase.batch.warehouse.storage;
