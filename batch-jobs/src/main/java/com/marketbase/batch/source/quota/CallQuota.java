package com.marketbase.batch.source.quota;

import java.time.Duration;

import com.marketbase.batch.source.SourceName;

/**
 * Permission to call an endpoint of a source, at the rate its quota allows.
 */
public interface CallQuota {

	/**
	 * Blocks until the endpoint may be called once more, and takes that call from the
	 * quota.
	 * @param source the source
	 * @param endpoint the endpoint
	 * @param waiting told when the call has to wait and when the wait is over
	 * @throws InterruptedException when the thread is interrupted while waiting
	 */
	void acquire(SourceName source, String endpoint, Waiting waiting) throws InterruptedException;

	/**
	 * Empties the endpoint's bucket and lets no call through for a while, for every user
	 * of the quota, after the source said the quota is used up.
	 * @param source the source
	 * @param endpoint the endpoint
	 * @param pause how long to let no call through at least
	 */
	void coolDown(SourceName source, String endpoint, Duration pause);

	/**
	 * A quota that lets every call through at once and only rests after a rate-limit
	 * answer, for sources without configured limits and for tests.
	 * @return the quota
	 */
	static CallQuota unlimited() {
		return new CallQuota() {

			@Override
			public void acquire(SourceName source, String endpoint, Waiting waiting) {
			}

			@Override
			public void coolDown(SourceName source, String endpoint, Duration pause) {
				// Nobody else shares this quota, so resting is this caller's own affair.
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		};
	}

	/**
	 * A lane of a quota: each call takes a token of the lane's own bucket (the endpoint
	 * named {@code endpoint@lane}, by default half the endpoint's rate) before one of the
	 * endpoint's shared bucket. Work in a lane (intraday catch-ups) can then never take
	 * more than its share of a quota that other runs (a backfill, the nightly loads)
	 * need.
	 * @param quota the shared quota
	 * @param lane the lane's name, for example {@code intraday}
	 * @return the lane
	 */
	static CallQuota lane(CallQuota quota, String lane) {
		return new CallQuota() {

			@Override
			public void acquire(SourceName source, String endpoint, Waiting waiting) throws InterruptedException {
				quota.acquire(source, endpoint + "@" + lane, waiting);
				quota.acquire(source, endpoint, waiting);
			}

			@Override
			public void coolDown(SourceName source, String endpoint, Duration pause) {
				quota.coolDown(source, endpoint, pause);
			}

		};
	}

	/**
	 * Told when a call starts and stops waiting for quota.
	 */
	interface Waiting {

		void started();

		void ended();

	}

}
