/**
 * The nightly chain: each dataset of the night launched as its own job instance through
 * the jobs' own launch checks, in a configured order, so that one module failing marks
 * only that module; and what came of each module, recorded in the warehouse.
 */
@NullMarked
package com.marketbase.batch.chain;

import org.jspecify.annotations.NullMarked;
