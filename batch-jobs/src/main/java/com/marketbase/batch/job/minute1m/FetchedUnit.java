package com.marketbase.batch.job.minute1m;

import java.util.List;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.support.rows.RejectedRow;
import org.jspecify.annotations.Nullable;

/**
 * What the source returned for a work unit, before it is made canonical.
 *
 * @param unit the work unit
 * @param bars the bars as the connector normalized them
 * @param rejected rows the connector already rejected
 * @param failure why the unit could not be read at all, or {@code null}
 */
record FetchedUnit(MinuteUnit unit, List<Bar> bars, List<RejectedRow> rejected, @Nullable String failure) {

	FetchedUnit {
		bars = List.copyOf(bars);
		rejected = List.copyOf(rejected);
	}

	static FetchedUnit failed(MinuteUnit unit, String failure) {
		return new FetchedUnit(unit, List.of(), List.of(), failure);
	}

}
