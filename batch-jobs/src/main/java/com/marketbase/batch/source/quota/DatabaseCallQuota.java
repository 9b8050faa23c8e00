package com.marketbase.batch.source.quota;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.ToIntBiFunction;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import com.marketbase.batch.source.SourceName;

/**
 * The quota shared through the warehouse database: Bucket4j buckets stored in
 * {@code market.rate_limit_buckets}, one per source, endpoint and configured rate.
 */
public final class DatabaseCallQuota implements CallQuota {

	/**
	 * The share of the configured rate actually used. Calls leave a process a moment
	 * after their token was taken and the source counts them when they arrive, so running
	 * exactly at the limit would now and then put one call too many into the source's
	 * 60-second window.
	 */
	static final double HEADROOM = 0.98;

	private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(5);

	// A bucket by key and configuration: the table's, or one of this process.
	private final BiFunction<String, BucketConfiguration, Bucket> buckets;

	private final ToIntBiFunction<SourceName, String> callsPerMinute;

	private final Map<String, Bucket> byKey = new ConcurrentHashMap<>();

	private final java.util.function.Function<SourceName, String> credentials;

	/**
	 * A quota on the given warehouse database.
	 * @param dataSource the warehouse database, migrated
	 * @param callsPerMinute the configured calls per minute of a source's endpoint; 0 or
	 * less means unlimited
	 */
	public DatabaseCallQuota(DataSource dataSource, ToIntBiFunction<SourceName, String> callsPerMinute) {
		this(dataSource, callsPerMinute, (source) -> "");
	}

	/**
	 * A quota on the given warehouse database with a bucket per credential: processes
	 * that call a source with the same token share its bucket, those with other tokens
	 * (remote workers with tokens of their own) each have one.
	 * @param dataSource the warehouse database, migrated
	 * @param callsPerMinute the configured calls per minute of a source's endpoint; 0 or
	 * less means unlimited
	 * @param credentials a source's credential fingerprint (never the credential), empty
	 * when it has none
	 */
	public DatabaseCallQuota(DataSource dataSource, ToIntBiFunction<SourceName, String> callsPerMinute,
			java.util.function.Function<SourceName, String> credentials) {
		this(table(dataSource), callsPerMinute, credentials);
	}

	private DatabaseCallQuota(BiFunction<String, BucketConfiguration, Bucket> buckets,
			ToIntBiFunction<SourceName, String> callsPerMinute,
			java.util.function.Function<SourceName, String> credentials) {
		this.buckets = buckets;
		this.callsPerMinute = callsPerMinute;
		this.credentials = credentials;
	}

	/**
	 * The same quota with its buckets in this process only, for a warehouse that serves
	 * one session at a time ({@code marketbase.warehouse.single-session}): the table's
	 * buckets take a connection of their own for every call, which such a warehouse
	 * cannot give while a chunk holds the one there is. Other processes do not share it.
	 * @param callsPerMinute the configured calls per minute of a source's endpoint; 0 or
	 * less means unlimited
	 * @param credentials a source's credential fingerprint, empty when it has none
	 * @return the quota
	 */
	public static DatabaseCallQuota inThisProcess(ToIntBiFunction<SourceName, String> callsPerMinute,
			java.util.function.Function<SourceName, String> credentials) {
		return new DatabaseCallQuota((key, configuration) -> {
			LocalBucketBuilder bucket = Bucket.builder();
			for (Bandwidth limit : configuration.getBandwidths()) {
				bucket.addLimit(limit);
			}
			return bucket.build();
		}, callsPerMinute, credentials);
	}

	private static BiFunction<String, BucketConfiguration, Bucket> table(DataSource dataSource) {
		ProxyManager<String> table = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("market.rate_limit_buckets")
			.idColumn("id")
			.stateColumn("state")
			.build();
		return (key, configuration) -> table.getProxy(key, () -> configuration);
	}

	@Override
	public void acquire(SourceName source, String endpoint, Waiting waiting) throws InterruptedException {
		Bucket bucket = bucket(source, endpoint);
		if (bucket == null) {
			return;
		}
		boolean waited = false;
		try {
			while (true) {
				ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
				if (probe.isConsumed()) {
					return;
				}
				if (!waited) {
					waiting.started();
					waited = true;
				}
				// Bounded sleeps: a cool-down by another process may empty the bucket
				// again.
				TimeUnit.NANOSECONDS.sleep(Math.min(probe.getNanosToWaitForRefill(), MAX_SLEEP_NANOS));
			}
		}
		finally {
			if (waited) {
				waiting.ended();
			}
		}
	}

	@Override
	public void coolDown(SourceName source, String endpoint, Duration pause) {
		Bucket bucket = bucket(source, endpoint);
		if (bucket == null) {
			// No quota to put into debt: this caller rests by itself rather than
			// hammering.
			try {
				Thread.sleep(pause.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return;
		}
		int limit = this.callsPerMinute.applyAsInt(source, endpoint);
		// Taking the tokens a pause would refill puts the bucket into debt for that long.
		long debt = Math.max(1, Math.round(limit * HEADROOM * pause.toMillis() / 60_000.0));
		bucket.consumeIgnoringRateLimits(debt);
	}

	private Bucket bucket(SourceName source, String endpoint) {
		int limit = this.callsPerMinute.applyAsInt(source, endpoint);
		if (limit <= 0) {
			return null;
		}
		// The rate is part of the key, so a changed limit starts a fresh bucket instead
		// of
		// inheriting one sized for another rate.
		String credential = this.credentials.apply(source);
		String key = source.key() + ":" + endpoint + ":" + limit + (credential.isEmpty() ? "" : ":" + credential);
		return this.byKey.computeIfAbsent(key, (id) -> this.buckets.apply(id, configuration(limit)));
	}

	static BucketConfiguration configuration(int callsPerMinute) {
		long periodNanos = Math.round(TimeUnit.MINUTES.toNanos(1) / HEADROOM);
		return BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(callsPerMinute, Duration.ofNanos(periodNanos)))
			.build();
	}

}
