package com.marketbase.batch.job.dailybars;

import java.math.BigDecimal;

import com.marketbase.batch.warehouse.DailyBar;
import org.jspecify.annotations.Nullable;

/**
 * A raw daily bar as stored, with the adjustment factor the source gave for its day.
 *
 * @param bar the bar
 * @param factor the adjustment factor, or {@code null} where there is none
 */
record DailyRow(DailyBar bar, @Nullable BigDecimal factor) {
}
