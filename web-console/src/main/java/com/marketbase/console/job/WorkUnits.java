package com.marketbase.console.job;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An execution's work units by status.
 *
 * @param counts units per status: {@code complete}, {@code partial}, {@code empty},
 * {@code failed}, {@code pending} and, while the source holds calls back,
 * {@code waiting for quota}
 * @param failed the failed units with their last error, at most {@link #FAILED_SHOWN}
 */
public record WorkUnits(Map<String, Long> counts, List<FailedUnit> failed) {

	/** How many failed units are listed. */
	public static final int FAILED_SHOWN = 100;

	public WorkUnits {
		// The job's order (complete, partial, empty, failed, pending) is the reading
		// order.
		counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
		failed = List.copyOf(failed);
	}

	public static WorkUnits none() {
		return new WorkUnits(Map.of(), List.of());
	}

	/**
	 * A failed work unit.
	 *
	 * @param unit what it covers, for example a symbol
	 * @param day the day it covers
	 * @param error the last error
	 */
	public record FailedUnit(String unit, @Nullable LocalDate day, @Nullable String error) {
	}

}
