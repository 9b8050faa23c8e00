package com.marketbase.batch.job.dailybars;

import java.math.BigDecimal;

import com.marketbase.batch.warehouse.DailyBar;
import org.jspecify.annotations.Nullable;

/**
 * A raw daily bar as stored, with the adjustment factor the source gave for its day.
 *
 * @param bar the bar
 * @param factor the adjustment factor, or {@code null} where there is none
 * @param fallback how the bar came when the source's bulk call did not give it (see
 * {@link TdxDailyFeed}), or {@code null} for a bar of the usual call
 */
record DailyRow(DailyBar bar, @Nullable BigDecimal factor, @Nullable String fallback) {

	DailyRow(DailyBar bar, @Nullable BigDecimal factor) {
		this(bar, factor, null);
	}

}
