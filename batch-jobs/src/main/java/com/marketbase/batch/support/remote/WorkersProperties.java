package com.marketbase.batch.support.remote;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Remote workers ({@code marketbase.workers.*}).
 *
 * @param brokerUrl the broker, {@code amqp://user:password@host:port[/vhost]};
 * {@code ops/broker.sh url} prints the local one. Without it every launch runs locally
 * @param mode {@code local} or {@code remote}: where a launch that does not say
 * {@code workers=} runs its partitions
 * @param queue the queue partition requests go through
 * @param partitions how many partitions a remote load is cut into: more than there are
 * worker threads, so that every worker has work and a worker that starts late still finds
 * some
 * @param credential the name of this process's source credentials as the worker view
 * shows it (never the token itself)
 * @param heartbeatInterval how often a worker records that it is alive
 * @param heartbeatTimeout a worker silent for this long is taken for dead, and its
 * running partitions are failed
 * @param pollInterval how often the launching process reads its partitions' state
 * @param partitionTimeout how long a remote load may take in all before its unfinished
 * partitions are failed
 * @param connectTimeout how long a connection to the broker may take
 * @param drainTimeout how long a worker asked to stop (Ctrl-C, SIGTERM) lets its running
 * partitions finish before it leaves them to the heartbeat timeout and a restart
 */
@ConfigurationProperties("marketbase.workers")
public record WorkersProperties(@Nullable String brokerUrl, @DefaultValue("local") String mode,
		@DefaultValue("marketbase.partitions") String queue, @DefaultValue("24") int partitions,
		@DefaultValue("default") String credential, @DefaultValue("5s") Duration heartbeatInterval,
		@DefaultValue("30s") Duration heartbeatTimeout, @DefaultValue("2s") Duration pollInterval,
		@DefaultValue("12h") Duration partitionTimeout, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10m") Duration drainTimeout) {

	/** The launch parameter that says where a load's partitions run. */
	public static final String PARAMETER = "workers";

	public static final String LOCAL = "local";

	public static final String REMOTE = "remote";

	public WorkersProperties {
		mode = mode.toLowerCase(Locale.ROOT);
		if (!mode.equals(LOCAL) && !mode.equals(REMOTE)) {
			throw new IllegalArgumentException("marketbase.workers.mode is local or remote, not '" + mode + "'");
		}
		if (partitions < 1) {
			throw new IllegalArgumentException("marketbase.workers.partitions must be at least 1");
		}
		if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) <= 0) {
			throw new IllegalArgumentException(
					"marketbase.workers.heartbeat-timeout must be more than twice the heartbeat interval");
		}
	}

	// The broker URL carries a password.
	@Override
	public String toString() {
		return "WorkersProperties[mode=" + this.mode + ", queue=" + this.queue + ", partitions=" + this.partitions
				+ ", credential=" + this.credential + "]";
	}

	/**
	 * Where a launch's partitions run.
	 * @param given the launch's {@code workers=} value, or {@code null}
	 * @return {@link #LOCAL} or {@link #REMOTE}
	 * @throws IllegalArgumentException for anything else, in a sentence for the person
	 */
	public String placement(@Nullable String given) {
		if (given == null || given.isBlank()) {
			return this.mode;
		}
		String value = given.trim().toLowerCase(Locale.ROOT);
		if (!value.equals(LOCAL) && !value.equals(REMOTE)) {
			throw new IllegalArgumentException("workers is local or remote, not '" + given + "'.");
		}
		return value;
	}

}
