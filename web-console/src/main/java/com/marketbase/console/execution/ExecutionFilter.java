package com.marketbase.console.execution;

import java.time.LocalDate;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;

/**
 * Which executions a list shows, and from where.
 *
 * @param job only this job, or {@code null} for all
 * @param statuses only these statuses, or empty for all
 * @param from only executions started on or after this day
 * @param to only executions started on or before this day
 * @param before only executions with a smaller id (the next page's cursor)
 * @param limit at most this many
 */
public record ExecutionFilter(@Nullable String job, Set<BatchStatus> statuses, @Nullable LocalDate from,
		@Nullable LocalDate to, @Nullable Long before, int limit) {

	/** The most rows one page may ask for. */
	public static final int MAX_LIMIT = 200;

	public ExecutionFilter {
		statuses = Set.copyOf(statuses);
	}

}
