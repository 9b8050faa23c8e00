package com.marketbase.batch.source;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.marketbase.batch.source.quota.CallQuota;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * The way every call to one source goes: take the endpoint's quota, call, and handle the
 * failure by its class. Transient failures are retried with exponential backoff and
 * jitter up to the configured number of retries; a rate-limit answer cools the endpoint
 * down and the call waits for quota again, which is neither a failure nor a retry;
 * permanent failures end the call at once. The source's {@link SourceState} follows
 * along.
 */
public final class SourceGate {

	private static final Logger logger = LoggerFactory.getLogger(SourceGate.class);

	private final SourceName source;

	private final CallQuota quota;

	private final SourceStates states;

	private final SourceSettings.Retry retry;

	private final RetryTemplate retryTemplate;

	public SourceGate(SourceName source, SourceSettings settings, CallQuota quota, SourceStates states) {
		this.source = source;
		this.quota = quota;
		this.states = states;
		this.retry = settings.retry();
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(this.retry.maxRetries())
			.delay(this.retry.initialDelay())
			.multiplier(2)
			.jitter(this.retry.initialDelay().dividedBy(2))
			.maxDelay(this.retry.maxDelay())
			.predicate((failure) -> failure instanceof TransientSourceException)
			.build();
		this.retryTemplate = new RetryTemplate(policy);
		this.retryTemplate.setRetryListener(new RetryListener() {
			@Override
			public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable) {
				logger.warn("Retrying {} {}", source.displayName(), retryable.getName());
			}
		});
	}

	public SourceName source() {
		return this.source;
	}

	public SourceStates states() {
		return this.states;
	}

	/**
	 * Calls an endpoint through the quota, retrying as the failure's class says.
	 * @param <T> what the call returns
	 * @param endpoint the endpoint, which names its quota
	 * @param call one attempt; throws a {@link SourceException} when it fails
	 * @return what the successful attempt returned
	 * @throws SourceException the failure that ended the call: permanent, or transient
	 * after the last retry
	 */
	public <T> T call(String endpoint, Supplier<T> call) {
		try {
			T result = this.retryTemplate.execute(new Retryable<T>() {
				@Override
				public T execute() {
					return callWithinQuota(endpoint, call);
				}

				@Override
				public String getName() {
					return endpoint;
				}
			});
			this.states.succeeded(this.source);
			return result;
		}
		catch (RetryException ex) {
			this.states.failed(this.source);
			Throwable last = ex.getLastException();
			if (last instanceof TransientSourceException transientFailure) {
				throw new TransientSourceException(this.source, endpoint, "gave up after " + (ex.getRetryCount() + 1)
						+ " attempts, the last one: " + transientFailure.getMessage(), transientFailure);
			}
			if (last instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(last);
		}
	}

	private <T> T callWithinQuota(String endpoint, Supplier<T> call) {
		while (true) {
			acquire(endpoint);
			try {
				return call.get();
			}
			catch (RateLimitedException ex) {
				if (ex.longWindow()) {
					// Waiting an hour inside a call helps nobody; the caller retries
					// later.
					throw ex;
				}
				logger.warn("{}; waiting for quota", ex.getMessage());
				this.states.startWaiting(this.source);
				try {
					this.quota.coolDown(this.source, endpoint, this.retry.coolDown());
				}
				finally {
					this.states.stopWaiting(this.source);
				}
			}
		}
	}

	private void acquire(String endpoint) {
		try {
			this.quota.acquire(this.source, endpoint, new CallQuota.Waiting() {
				@Override
				public void started() {
					SourceGate.this.states.startWaiting(SourceGate.this.source);
				}

				@Override
				public void ended() {
					SourceGate.this.states.stopWaiting(SourceGate.this.source);
				}
			});
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientSourceException(this.source, endpoint, "interrupted while waiting for quota", ex);
		}
	}

}
