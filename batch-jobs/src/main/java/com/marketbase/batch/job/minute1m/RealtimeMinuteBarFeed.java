package com.marketbase.batch.job.minute1m;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import com.marketbase.batch.source.RateLimitedException;
import com.marketbase.batch.source.ReferenceFeed;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.TransientSourceException;
import com.marketbase.batch.source.Units;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.Bar;

/**
 * Today's bars of an intraday run from Tushare's realtime minute API
 * ({@code rt_min_daily}, one code and all of today's bars a call), where the permission
 * probe found it granted. It has its own small quota: once refused, the run's remaining
 * units and every intraday run until the window has passed read {@code stk_mins} instead,
 * so the day is never left short for want of a realtime call.
 */
class RealtimeMinuteBarFeed implements MinuteBarFeed {

	private final TushareClient client;

	private final MinuteBarFeed fallback;

	private final RealtimeMinuteQuota quota;

	private final LocalDateTime intradayAt;

	private final Instant lastEnded;

	RealtimeMinuteBarFeed(TushareClient client, MinuteBarFeed fallback, RealtimeMinuteQuota quota,
			LocalDateTime intradayAt) {
		this.client = client;
		this.fallback = fallback;
		this.quota = quota;
		this.intradayAt = intradayAt;
		// The minute still under way is not a bar yet.
		this.lastEnded = Units.beijing(intradayAt.truncatedTo(ChronoUnit.MINUTES));
	}

	@Override
	public SourceName source() {
		return this.fallback.source();
	}

	@Override
	public int daysPerUnit() {
		return this.fallback.daysPerUnit();
	}

	@Override
	public Fetched<Bar> bars(MinuteUnit unit) {
		boolean today = unit.first().equals(this.intradayAt.toLocalDate()) && unit.days().size() == 1;
		if (!today || !this.quota.open()) {
			return this.fallback.bars(unit);
		}
		Fetched<Bar> bars;
		try {
			bars = this.client.realtimeMinuteBars(unit.symbol());
		}
		catch (RateLimitedException ex) {
			if (!ex.longWindow()) {
				throw ex;
			}
			this.quota.refused(ex.window(), ex.getMessage());
			return this.fallback.bars(unit);
		}
		catch (TransientSourceException ex) {
			// The unit is still owed its bars: stk_mins has them too.
			return this.fallback.bars(unit);
		}
		this.quota.answered();
		return new Fetched<>(bars.items().stream().filter((bar) -> !bar.end().isAfter(this.lastEnded)).toList(),
				bars.rejected());
	}

	@Override
	public ReferenceFeed reference() {
		return this.fallback.reference();
	}

}
