package com.marketbase.batch.coverage;

import java.util.List;

/**
 * A dataset as {@code market.datasets} defines it.
 *
 * @param name for example {@code minute_1m}
 * @param assetClasses the asset classes whose instruments it covers
 * @param calendarExchange the exchange whose calendar decides its trading days
 * @param description what it holds
 */
public record Dataset(String name, List<String> assetClasses, String calendarExchange, String description) {

	public Dataset {
		assetClasses = List.copyOf(assetClasses);
	}

}
