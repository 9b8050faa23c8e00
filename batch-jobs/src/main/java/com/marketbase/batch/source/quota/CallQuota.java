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
	 * Told when a call starts and stops waiting for quota.
	 */
	interface Waiting {

		void started();

		void ended();

	}

}
