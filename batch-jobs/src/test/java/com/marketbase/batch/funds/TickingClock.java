package com.marketbase.batch.funds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock under the test's hand: it stands where it is set and moves a millisecond each
 * time it is read, so that every event gets a time of its own and their order shows.
 */
final class TickingClock extends Clock {

	private final AtomicLong millis;

	TickingClock(Instant start) {
		this.millis = new AtomicLong(start.toEpochMilli());
	}

	void set(Instant now) {
		this.millis.set(now.toEpochMilli());
	}

	void advance(Duration by) {
		this.millis.addAndGet(by.toMillis());
	}

	@Override
	public ZoneId getZone() {
		return ZoneId.of("Asia/Shanghai");
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(this.millis.incrementAndGet());
	}

}
