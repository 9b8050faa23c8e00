package com.marketbase.batch.source.quota;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.marketbase.batch.source.SourceName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quota of a single-session warehouse, kept in this process: the same rate as the
 * table's buckets, without a connection.
 */
class InProcessQuotaTests {

	@Test
	void letsTheConfiguredRateThroughAndNoMore() throws InterruptedException {
		// 120 calls a minute: one at once, the next half a second later.
		DatabaseCallQuota quota = DatabaseCallQuota.inThisProcess((source, endpoint) -> 120, (source) -> "");
		AtomicInteger waits = new AtomicInteger();
		CallQuota.Waiting waiting = new CallQuota.Waiting() {

			@Override
			public void started() {
				waits.incrementAndGet();
			}

			@Override
			public void ended() {
			}

		};

		long started = System.nanoTime();
		quota.acquire(SourceName.TUSHARE, "stk_mins", waiting);
		assertThat(waits).hasValue(0);
		quota.acquire(SourceName.TUSHARE, "stk_mins", waiting);
		quota.acquire(SourceName.TUSHARE, "stk_mins", waiting);

		// Three calls at two a second take a second whatever else the machine does; a
		// stall between them may let a call find its token already there.
		assertThat(waits.get()).isBetween(1, 2);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		// Another endpoint has a bucket of its own.
		int before = waits.get();
		quota.acquire(SourceName.TUSHARE, "daily", waiting);
		assertThat(waits).hasValue(before);
	}

	@Test
	void aCoolDownHoldsTheNextCallBack() throws InterruptedException {
		DatabaseCallQuota quota = DatabaseCallQuota.inThisProcess((source, endpoint) -> 6000, (source) -> "");
		quota.acquire(SourceName.TUSHARE, "stk_mins", null);

		quota.coolDown(SourceName.TUSHARE, "stk_mins", Duration.ofMillis(500));
		long started = System.nanoTime();
		quota.acquire(SourceName.TUSHARE, "stk_mins", new CallQuota.Waiting() {

			@Override
			public void started() {
			}

			@Override
			public void ended() {
			}

		});

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

}
