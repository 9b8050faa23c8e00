package com.marketbase.batch.sandbox;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * How a sandbox is set up. The same settings give the same answers, byte for byte.
 *
 * @param seed the seed of all synthetic data
 * @param port the loopback port to listen on; 0 picks a free one
 * @param today the sandbox's "today": data exists up to this day
 * @param stocks how many A-share stocks (split 45/45/10 over SH, SZ and BJ)
 * @param etfs how many ETFs
 * @param funds how many OTC funds (every fifth a money-market fund, every third of the
 * others index-like)
 * @param latency how long every answer is delayed
 * @param stallFor how long a {@link SandboxFault#TIMEOUT} stalls before answering
 * @param tokens the Tushare tokens the sandbox accepts, with their permissions and quotas
 * @param faultRate the share of calls (0..1) that get a random fault, on top of those
 * injected one by one
 * @param quotaWindow the window Tushare quotas are counted in: a minute, as the real
 * server does; tests shorten it
 * @param randomFaults the kinds of fault drawn at {@code faultRate}
 */
public record SandboxSettings(long seed, int port, LocalDate today, int stocks, int etfs, int funds, Duration latency,
		Duration stallFor, Map<String, Grant> tokens, double faultRate, Duration quotaWindow,
		Set<SandboxFault> randomFaults) {

	/** The token every default sandbox accepts, with every permission. */
	public static final String TOKEN = "sandbox-token";

	public SandboxSettings {
		tokens = Map.copyOf(tokens);
		randomFaults = Set.copyOf(randomFaults);
	}

	/**
	 * The defaults: seed 42, a free port, today 2026-11-20, 5000 stocks, 30 ETFs, 200
	 * funds, no latency, {@value #TOKEN} with every permission at 500 calls per minute
	 * per API, no random faults.
	 * @return the settings
	 */
	public static SandboxSettings defaults() {
		return new SandboxSettings(42, 0, LocalDate.of(2026, 11, 20), 5000, 30, 200, Duration.ZERO,
				Duration.ofSeconds(3), Map.of(TOKEN, Grant.everything(500)), 0, Duration.ofMinutes(1),
				EnumSet.complementOf(EnumSet.of(SandboxFault.NAN_PRICE, SandboxFault.RENAMED_COLUMN)));
	}

	public SandboxSettings withSeed(long seed) {
		return new SandboxSettings(seed, this.port, this.today, this.stocks, this.etfs, this.funds, this.latency,
				this.stallFor, this.tokens, this.faultRate, this.quotaWindow, this.randomFaults);
	}

	public SandboxSettings withPort(int port) {
		return new SandboxSettings(this.seed, port, this.today, this.stocks, this.etfs, this.funds, this.latency,
				this.stallFor, this.tokens, this.faultRate, this.quotaWindow, this.randomFaults);
	}

	/**
	 * The same settings with "today" at the current day in Beijing, as far as the
	 * sandbox's calendar goes and not before these settings' day: a sandbox serving the
	 * application then has the bars of the last closed session, which a launch without a
	 * date asks for.
	 * @return the settings
	 */
	public SandboxSettings withTodayFromClock() {
		LocalDate now = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		if (now.isAfter(TradingCalendar.LAST)) {
			now = TradingCalendar.LAST;
		}
		return now.isAfter(this.today) ? withToday(now) : this;
	}

	public SandboxSettings withToday(LocalDate today) {
		return new SandboxSettings(this.seed, this.port, today, this.stocks, this.etfs, this.funds, this.latency,
				this.stallFor, this.tokens, this.faultRate, this.quotaWindow, this.randomFaults);
	}

	public SandboxSettings withUniverse(int stocks, int etfs, int funds) {
		return new SandboxSettings(this.seed, this.port, this.today, stocks, etfs, funds, this.latency, this.stallFor,
				this.tokens, this.faultRate, this.quotaWindow, this.randomFaults);
	}

	public SandboxSettings withLatency(Duration latency) {
		return new SandboxSettings(this.seed, this.port, this.today, this.stocks, this.etfs, this.funds, latency,
				this.stallFor, this.tokens, this.faultRate, this.quotaWindow, this.randomFaults);
	}

	public SandboxSettings withStallFor(Duration stallFor) {
		return new SandboxSettings(this.seed, this.port, this.today, this.stocks, this.etfs, this.funds, this.latency,
				stallFor, this.tokens, this.faultRate, this.quotaWindow, this.randomFaults);
	}

	public SandboxSettings withTokens(Map<String, Grant> tokens) {
		return new SandboxSettings(this.seed, this.port, this.today, this.stocks, this.etfs, this.funds, this.latency,
				this.stallFor, tokens, this.faultRate, this.quotaWindow, this.randomFaults);
	}

	public SandboxSettings withFaultRate(double faultRate) {
		return new SandboxSettings(this.seed, this.port, this.today, this.stocks, this.etfs, this.funds, this.latency,
				this.stallFor, this.tokens, faultRate, this.quotaWindow, this.randomFaults);
	}

	/**
	 * Random faults of some kinds only, for example the transient ones.
	 * @param faultRate the share of calls (0..1) that get one
	 * @param kinds the kinds to draw from
	 * @return the settings
	 */
	public SandboxSettings withRandomFaults(double faultRate, Set<SandboxFault> kinds) {
		return new SandboxSettings(this.seed, this.port, this.today, this.stocks, this.etfs, this.funds, this.latency,
				this.stallFor, this.tokens, faultRate, this.quotaWindow, kinds);
	}

	public SandboxSettings withQuotaWindow(Duration quotaWindow) {
		return new SandboxSettings(this.seed, this.port, this.today, this.stocks, this.etfs, this.funds, this.latency,
				this.stallFor, this.tokens, this.faultRate, quotaWindow, this.randomFaults);
	}

	/**
	 * What one Tushare token may do.
	 *
	 * @param apis the APIs it may call; empty (or {@value #EVERY_API}) means all but the
	 * special permissions, which a grant must name
	 * @param callsPerMinute calls per minute per API
	 */
	public record Grant(Set<String> apis, int callsPerMinute) {

		/** Names every API that is not a special permission. */
		public static final String EVERY_API = "*";

		/**
		 * The APIs Tushare sells apart from points: no tier has them, as on the real
		 * server, where they answer its permission error to every token not granted them
		 * (the pre-market share capital, the realtime minute bars).
		 */
		static final Set<String> SPECIAL = Set.of(TusharePremarketAnswer.API, "rt_min_daily");

		public Grant {
			apis = Set.copyOf(apis);
		}

		public static Grant everything(int callsPerMinute) {
			return new Grant(Set.of(), callsPerMinute);
		}

		/**
		 * Every API and some special permissions, such as {@code stk_premarket}.
		 * @param callsPerMinute calls per minute per API
		 * @param special the special permissions
		 * @return the grant
		 */
		public static Grant everythingWith(int callsPerMinute, String... special) {
			Set<String> apis = new java.util.HashSet<>(Set.of(special));
			apis.add(EVERY_API);
			return new Grant(apis, callsPerMinute);
		}

		boolean allows(String api) {
			if (SPECIAL.contains(api)) {
				return this.apis.contains(api);
			}
			return this.apis.isEmpty() || this.apis.contains(EVERY_API) || this.apis.contains(api);
		}

	}

}
