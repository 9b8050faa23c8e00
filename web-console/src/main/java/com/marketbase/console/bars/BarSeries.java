package com.marketbase.console.bars;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The bars of one symbol on the session grid: one slot per expected bar, empty where the
 * warehouse has none.
 *
 * @param symbol the symbol
 * @param interval the bar length, for example {@code 5m}
 * @param slots bar-end labels in Beijing time, for example {@code 2026-11-20 09:35}
 * @param bars the bar of each slot, {@code null} for a gap
 * @param missing how many slots are gaps
 */
public record BarSeries(String symbol, String interval, List<String> slots, List<@Nullable Candle> bars, int missing) {

	/**
	 * One bar.
	 *
	 * @param open opening price
	 * @param high highest price
	 * @param low lowest price
	 * @param close closing price
	 * @param volume shares traded
	 * @param amount value traded
	 */
	public record Candle(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume,
			BigDecimal amount) {
	}

}
