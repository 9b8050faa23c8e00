package com.marketbase.batch.coverage;

import org.jspecify.annotations.Nullable;

/**
 * An instrument behind a day's partial or missing unit.
 *
 * @param symbol the instrument
 * @param status {@code partial}, {@code empty}, {@code failed} or {@code missing} (no
 * unit at all)
 * @param reason what the load recorded, or the open failed work unit's last error
 * @param quarantined whether its failed work unit is quarantined
 */
public record CoverageGap(String symbol, String status, @Nullable String reason, boolean quarantined) {

}
