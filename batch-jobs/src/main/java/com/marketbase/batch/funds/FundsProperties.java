package com.marketbase.batch.funds;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fund estimates are kept fresh ({@code marketbase.funds.*}).
 *
 * @param source where estimates and holdings are read: {@code eastmoney} (Eastmoney's
 * estimates, Tushare Pro's holdings) or {@code sandbox}; empty means the sandbox in demo
 * mode (or where {@code marketbase.sources.default-source} is the sandbox) and
 * {@code eastmoney} otherwise
 * @param asyncEstimates whether the estimates API answers from the cache only and leaves
 * refreshes to the queue (the default); off, it fetches stale estimates inline, for small
 * installations
 * @param watchlistEvery how often a watchlist fund is refreshed in trading hours
 * @param holdingsEvery how often a held fund is refreshed
 * @param restEvery how often any other queued fund is refreshed
 * @param restAll whether every open-end fund (money-market funds aside) is in the rest
 * tier; otherwise only funds someone asked about
 * @param callDelay the least time between two source calls of this process
 * @param workers how many tasks this process runs at once
 * @param pollEvery how often the queue looks for due tasks
 * @param heartbeat how often a running task's heartbeat is written
 * @param missedHeartbeats how many heartbeats a running task may miss before its worker
 * counts as dead and another runs it again
 * @param fundgz whether the retired {@code fundgz} endpoint is still tried (off: it has
 * answered with a not-found page since 2026-07-20)
 * @param minHoldingsCoverage the least share (in percent) of the disclosed equity weight
 * that must be priced for a holdings estimate
 * @param inlineCodes the most funds an inline call (NAV sync or estimates) handles
 * @param holdingsRefresh how often a fund's disclosed holdings are looked up again
 */
@ConfigurationProperties("marketbase.funds")
public record FundsProperties(@Nullable String source, @DefaultValue("true") boolean asyncEstimates,
		@DefaultValue("2m") Duration watchlistEvery, @DefaultValue("5m") Duration holdingsEvery,
		@DefaultValue("30m") Duration restEvery, @DefaultValue("false") boolean restAll,
		@DefaultValue("200ms") Duration callDelay, @DefaultValue("2") int workers,
		@DefaultValue("2s") Duration pollEvery, @DefaultValue("5s") Duration heartbeat,
		@DefaultValue("4") int missedHeartbeats, @DefaultValue("false") boolean fundgz,
		@DefaultValue("50") int minHoldingsCoverage, @DefaultValue("5") int inlineCodes,
		@DefaultValue("7d") Duration holdingsRefresh) {

	public FundsProperties {
		if (workers < 1 || workers > 32) {
			throw new IllegalArgumentException("marketbase.funds.workers is 1 to 32, not " + workers);
		}
		if (missedHeartbeats < 2 || missedHeartbeats > 1000) {
			throw new IllegalArgumentException(
					"marketbase.funds.missed-heartbeats is 2 to 1000, not " + missedHeartbeats);
		}
		if (inlineCodes < 1 || inlineCodes > 20) {
			throw new IllegalArgumentException("marketbase.funds.inline-codes is 1 to 20, not " + inlineCodes);
		}
		for (Duration every : new Duration[] { watchlistEvery, holdingsEvery, restEvery }) {
			if (every.compareTo(Duration.ofSeconds(10)) < 0 || every.compareTo(Duration.ofDays(1)) > 0) {
				throw new IllegalArgumentException(
						"marketbase.funds.*-every is between 10 seconds and a day, not " + every);
			}
		}
		if (minHoldingsCoverage < 1 || minHoldingsCoverage > 100) {
			throw new IllegalArgumentException(
					"marketbase.funds.min-holdings-coverage is a percentage, 1 to 100, not " + minHoldingsCoverage);
		}
	}

	/**
	 * The defaults, for tests and tools that make their own.
	 * @return the settings
	 */
	public static FundsProperties defaults() {
		return new FundsProperties(null, true, Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(30),
				false, Duration.ofMillis(200), 2, Duration.ofSeconds(2), Duration.ofSeconds(5), 4, false, 50, 5,
				Duration.ofDays(7));
	}

	/**
	 * The refresh interval of a tier.
	 * @param tier the tier
	 * @return its interval
	 */
	public Duration every(FundTier tier) {
		return switch (tier) {
			case WATCHLIST -> this.watchlistEvery;
			case HOLDINGS -> this.holdingsEvery;
			case REST -> this.restEvery;
		};
	}

}
