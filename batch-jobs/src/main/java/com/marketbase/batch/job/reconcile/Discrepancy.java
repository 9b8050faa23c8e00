package com.marketbase.batch.job.reconcile;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One difference between the warehouse and a source, or one convention that explains
 * some.
 *
 * @param symbol the instrument
 * @param check {@code bars_1m} to {@code bars_60m}, {@code daily_vs_minutes} or
 * {@code cross_source_close}
 * @param barEnd the bar's label as we store it, or {@code null} for a daily check
 * @param field the first field that differs, {@code bar} when one side has no bar,
 * {@code labels} or {@code auction} for a convention
 * @param ours our value, if any
 * @param theirs the other value, if any
 * @param cause the likely cause
 * @param detail the difference in words, every differing field named
 */
record Discrepancy(String symbol, String check, @Nullable Instant barEnd, String field, @Nullable BigDecimal ours,
		@Nullable BigDecimal theirs, Cause cause, String detail) {

	boolean convention() {
		return this.cause.convention();
	}

}
