package com.marketbase.batch.job.dailybars;

import java.util.List;

import com.marketbase.batch.source.AdjustmentFactor;
import com.marketbase.batch.source.DailyBar;
import com.marketbase.batch.source.RejectedRow;
import com.marketbase.batch.source.Suspension;
import org.jspecify.annotations.Nullable;

/**
 * What the source returned for one fetch of a daily-bar job.
 *
 * @param unit the fetch
 * @param bars the bars as the connector normalized them
 * @param factors the adjustment factors, where the source gives them
 * @param suspensions the suspended days, where they were asked for
 * @param rejected rows the connector rejected
 * @param failure why the fetch could not be read at all, or {@code null}
 */
public record FetchedDaily(DailyUnit unit, List<DailyBar> bars, List<AdjustmentFactor> factors,
		List<Suspension> suspensions, List<RejectedRow> rejected, @Nullable String failure) {

	public FetchedDaily {
		bars = List.copyOf(bars);
		factors = List.copyOf(factors);
		suspensions = List.copyOf(suspensions);
		rejected = List.copyOf(rejected);
	}

	static FetchedDaily failed(DailyUnit unit, String failure) {
		return new FetchedDaily(unit, List.of(), List.of(), List.of(), List.of(), failure);
	}

}
