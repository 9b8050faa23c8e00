/**
 * The phase gate: per batch of datasets, how many consecutive trading days up to a date
 * were clean (no blocking failed run, coverage complete, no execution left running by a
 * dead process), now or as the warehouse stood at the end of a past day.
 */
@NullMarked
package com.marketbase.batch.gate;

import org.jspecify.annotations.NullMarked;
