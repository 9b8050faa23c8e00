package com.marketbase.console.execution;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of the execution list, newest first.
 *
 * @param items the executions
 * @param next the cursor of the next page ({@code before=}), or {@code null} on the last
 */
public record ExecutionPage(List<ExecutionSummary> items, @Nullable Long next) {
}
