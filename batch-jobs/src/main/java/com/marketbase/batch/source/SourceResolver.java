package com.marketbase.batch.source;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.eastmoney.EastmoneyClient;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.launch.LaunchSources;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a source name becomes a connector. A launch names a source (or
 * takes the default), and this resolver checks that the job reads it, that it is
 * configured and that it answers, then hands out its client.
 * <p>
 * The sandbox is used only when asked for ({@code source=sandbox}, or a default source
 * set to it) or in demo mode: no datasource and no source configured at all, where the
 * embedded warehouse and the embedded sandbox together let a new user run a job with no
 * set-up. A configured deployment never falls back to it: a source without its settings
 * is refused with one sentence naming the property to set.
 */
public final class SourceResolver implements LaunchSources, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SourceResolver.class);

	private final SourcesProperties properties;

	private final Secret tushareToken;

	private final boolean demo;

	private final CallQuota quota;

	private final SourceStates states;

	private final Map<SourceName, Object> clients = new EnumMap<>(SourceName.class);

	private final Map<String, Object> laneClients = new java.util.HashMap<>();

	private @Nullable Sandbox sandbox;

	private @Nullable EastmoneyClient sandboxEastmoney;

	private @Nullable TdxClient sandboxTdx;

	/**
	 * A resolver.
	 * @param properties the source settings
	 * @param tushareToken the Tushare token, possibly none
	 * @param demo whether the application runs in demo mode (no datasource, no source
	 * configured)
	 * @param quota the shared call quota
	 * @param states the live state of the sources
	 */
	public SourceResolver(SourcesProperties properties, Secret tushareToken, boolean demo, CallQuota quota,
			SourceStates states) {
		this.properties = properties;
		this.tushareToken = tushareToken;
		this.demo = demo;
		this.quota = quota;
		this.states = states;
	}

	/**
	 * Whether the application runs in demo mode: the embedded warehouse and no source
	 * configured, so that the sandbox is the default source.
	 * @return true in demo mode
	 */
	public boolean demo() {
		return this.demo;
	}

	/**
	 * The source of a launch that names none.
	 * @param jobDefault the job's own default, or {@code null}
	 * @return the job's default, else {@code marketbase.sources.default-source}, else the
	 * sandbox in demo mode and Tushare Pro otherwise
	 */
	public SourceName defaultSource(@Nullable String jobDefault) {
		if (jobDefault != null && !jobDefault.isBlank()) {
			return SourceName.parse(jobDefault);
		}
		String configured = this.properties.defaultSource();
		if (configured != null && !configured.isBlank()) {
			return SourceName.parse(configured);
		}
		return this.demo ? SourceName.SANDBOX : SourceName.TUSHARE;
	}

	@Override
	public String resolve(@Nullable String typed, @Nullable String jobDefault, Set<String> accepted) {
		SourceName source = (typed != null) ? SourceName.parse(typed) : defaultSource(jobDefault);
		if (typed == null && !accepted.contains(source.key()) && source == SourceName.TUSHARE) {
			// Tushare Pro is the default only for what it serves; a dataset of one other
			// real source (Eastmoney's NAVs) reads that one.
			List<String> real = accepted.stream().filter((key) -> !key.equals(SourceName.SANDBOX.key())).toList();
			if (real.size() == 1) {
				source = SourceName.parse(real.get(0));
			}
		}
		if (!accepted.contains(source.key())) {
			throw new IllegalArgumentException("This job does not read " + source.key() + "; use "
					+ String.join(", ", new TreeSet<>(accepted)) + ".");
		}
		requireConfigured(source);
		checkReachable(source);
		return source.key();
	}

	@Override
	public boolean synthetic(String source) {
		return SourceName.SANDBOX.key().equals(source);
	}

	@Override
	public boolean waitingForQuota(String source) {
		return this.states.of(SourceName.parse(source)) == SourceState.WAITING_FOR_QUOTA;
	}

	/**
	 * Refuses a source that lacks what it needs: a token for Tushare Pro, an address for
	 * the TDX gateway. The sandbox and Eastmoney need nothing.
	 * @param source the source
	 * @throws IllegalArgumentException naming the property to set
	 */
	public void requireConfigured(SourceName source) {
		if (source == SourceName.TUSHARE && !this.tushareToken.isPresent()) {
			throw new IllegalArgumentException("Tushare Pro is not configured: set marketbase.sources.tushare.token "
					+ "(or the TUSHARE_TOKEN environment variable), or launch with source=sandbox for synthetic data.");
		}
		if (source == SourceName.TDX && this.properties.tdx().baseUrl() == null) {
			throw new IllegalArgumentException("The TDX gateway is not configured: set marketbase.sources.tdx.base-url "
					+ "to its address (for example http://127.0.0.1:8080).");
		}
	}

	/**
	 * Checks that a source takes connections at all, once and within its connect timeout.
	 * @param source the source
	 * @throws TransientSourceException naming the address when it does not
	 */
	public void checkReachable(SourceName source) {
		if (source == SourceName.SANDBOX) {
			return;
		}
		new SourceHttp(source, settings(source)).checkReachable("marketbase.sources." + source.key() + ".base-url");
	}

	/**
	 * The Tushare-protocol client of a source.
	 * @param source Tushare Pro, or the sandbox
	 * @return the client; rows it reads carry the source's own key
	 */
	public synchronized TushareClient tushare(SourceName source) {
		if (source != SourceName.TUSHARE && source != SourceName.SANDBOX) {
			throw new IllegalArgumentException(source.displayName() + " does not speak Tushare's protocol");
		}
		return (TushareClient) this.clients.computeIfAbsent(source, (name) -> {
			if (name == SourceName.SANDBOX) {
				// The sandbox keeps its own per-token quota; the warehouse's quota is for
				// the real service.
				return TushareClient.unmetered(SourceName.SANDBOX, embeddedSandbox().baseUrl(),
						Secret.of(SandboxSettings.TOKEN), this.states);
			}
			requireConfigured(SourceName.TUSHARE);
			SourceSettings settings = settings(SourceName.TUSHARE);
			return new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
					new SourceGate(SourceName.TUSHARE, settings, this.quota, this.states), this.tushareToken);
		});
	}

	/**
	 * The Tushare-protocol client of a source whose calls run in a lane of the shared
	 * quota ({@link CallQuota#lane}). The sandbox is unmetered and has no lanes.
	 * @param source Tushare Pro, or the sandbox
	 * @param lane the lane, for example {@code intraday}
	 * @return the client
	 */
	public synchronized TushareClient tushare(SourceName source, String lane) {
		if (source != SourceName.TUSHARE) {
			return tushare(source);
		}
		return (TushareClient) this.laneClients.computeIfAbsent("tushare@" + lane, (key) -> {
			requireConfigured(SourceName.TUSHARE);
			SourceSettings settings = settings(SourceName.TUSHARE);
			return new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
					new SourceGate(SourceName.TUSHARE, settings, CallQuota.lane(this.quota, lane), this.states),
					this.tushareToken);
		});
	}

	/**
	 * The TDX gateway's client whose calls run in a lane of the shared quota
	 * ({@link CallQuota#lane}).
	 * @param lane the lane, for example {@code intraday}
	 * @return the client
	 */
	public synchronized TdxClient tdx(String lane) {
		return (TdxClient) this.laneClients.computeIfAbsent("tdx@" + lane, (key) -> {
			requireConfigured(SourceName.TDX);
			SourceSettings settings = settings(SourceName.TDX);
			return new TdxClient(new SourceHttp(SourceName.TDX, settings),
					new SourceGate(SourceName.TDX, settings, CallQuota.lane(this.quota, lane), this.states));
		});
	}

	/**
	 * The TDX gateway's client.
	 * @return the client
	 */
	public synchronized TdxClient tdx() {
		return (TdxClient) this.clients.computeIfAbsent(SourceName.TDX, (name) -> {
			requireConfigured(SourceName.TDX);
			SourceSettings settings = settings(SourceName.TDX);
			return new TdxClient(new SourceHttp(SourceName.TDX, settings),
					new SourceGate(SourceName.TDX, settings, this.quota, this.states));
		});
	}

	/**
	 * The client of the TDX gateway's protocol at a source.
	 * @param source the TDX gateway, or the sandbox, which answers its endpoints too
	 * @return the client; rows it reads carry the source's own key
	 */
	public synchronized TdxClient tdx(SourceName source) {
		if (source == SourceName.TDX) {
			return tdx();
		}
		if (source != SourceName.SANDBOX) {
			throw new IllegalArgumentException(source.displayName() + " does not speak the TDX gateway's protocol");
		}
		if (this.sandboxTdx == null) {
			// Unmetered like the sandbox's other clients.
			SourceSettings settings = SourceSettings.direct(embeddedSandbox().baseUrl());
			this.sandboxTdx = new TdxClient(new SourceHttp(SourceName.SANDBOX, settings),
					new SourceGate(SourceName.SANDBOX, settings, CallQuota.unlimited(), this.states));
		}
		return this.sandboxTdx;
	}

	/**
	 * Eastmoney's client.
	 * @return the client
	 */
	public synchronized EastmoneyClient eastmoney() {
		return (EastmoneyClient) this.clients.computeIfAbsent(SourceName.EASTMONEY, (name) -> {
			SourceSettings settings = settings(SourceName.EASTMONEY);
			SourceSettings estimates = (this.properties.eastmoneyEstimateUrl() != null)
					? settings.at(this.properties.eastmoneyEstimateUrl()) : settings;
			URI valuationUrl = this.properties.eastmoneyValuationUrl();
			if (valuationUrl == null) {
				valuationUrl = (this.properties.eastmoney().baseUrl() != null) ? settings.baseUrl()
						: SourcesProperties.EASTMONEY_VALUATION_URL;
			}
			return new EastmoneyClient(new SourceHttp(SourceName.EASTMONEY, settings),
					new SourceHttp(SourceName.EASTMONEY, estimates),
					new SourceHttp(SourceName.EASTMONEY, settings.at(valuationUrl)),
					new SourceGate(SourceName.EASTMONEY, settings, this.quota, this.states));
		});
	}

	/**
	 * The client of Eastmoney's protocol at a source.
	 * @param source Eastmoney, or the sandbox, which answers its fund APIs too
	 * @return the client
	 */
	public synchronized EastmoneyClient eastmoney(SourceName source) {
		if (source == SourceName.EASTMONEY) {
			return eastmoney();
		}
		if (source != SourceName.SANDBOX) {
			throw new IllegalArgumentException(source.displayName() + " does not speak Eastmoney's protocol");
		}
		if (this.sandboxEastmoney == null) {
			// Like the sandbox's Tushare client, unmetered: the warehouse's quota is for
			// the real service.
			SourceSettings settings = SourceSettings.direct(embeddedSandbox().baseUrl());
			SourceHttp http = new SourceHttp(SourceName.SANDBOX, settings);
			this.sandboxEastmoney = new EastmoneyClient(http, http, http,
					new SourceGate(SourceName.SANDBOX, settings, CallQuota.unlimited(), this.states));
		}
		return this.sandboxEastmoney;
	}

	/**
	 * Calendars and instrument lists from a source.
	 * @param source the source
	 * @return its reference feed
	 */
	public ReferenceFeed reference(SourceName source) {
		return referenceOf(source);
	}

	/**
	 * The FX pairs the warehouse follows.
	 * @return their codes, for example {@code USDCNH.FXCM}
	 */
	public java.util.Set<String> fxPairs() {
		return this.properties.fxCodes();
	}

	private ReferenceFeed referenceOf(SourceName source) {
		return switch (source.protocol()) {
			case TUSHARE -> new ReferenceFeed(source, tushare(source), null, this.properties.fxCodes());
			case TDX -> new ReferenceFeed(source, null, tdx(), this.properties.fxCodes());
			default -> throw new IllegalArgumentException(source.displayName() + " has no calendars or instruments");
		};
	}

	/**
	 * Where a source answers, without credentials, for people.
	 * @param source the source
	 * @return the address, or what stands in for it
	 */
	public String endpoint(SourceName source) {
		if (source == SourceName.SANDBOX) {
			return "embedded sandbox (synthetic data)";
		}
		if (source == SourceName.TDX && this.properties.tdx().baseUrl() == null) {
			return "not configured";
		}
		URI url = settings(source).baseUrl();
		// A URL may carry credentials (user:password@host); only where it answers is
		// shown.
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() >= 0) ? ":" + url.getPort() : "")
				+ ((url.getPath() != null) ? url.getPath() : "");
	}

	/**
	 * The settings a source is read with: as configured, at its documented address where
	 * none is set.
	 * @param source the source
	 * @return the settings
	 */
	public SourceSettings settings(SourceName source) {
		SourceSettings settings = this.properties.of(source);
		if (settings.baseUrl() != null) {
			return settings;
		}
		return switch (source) {
			case TUSHARE -> settings.at(SourcesProperties.TUSHARE_URL);
			case EASTMONEY -> settings.at(SourcesProperties.EASTMONEY_URL);
			case SANDBOX -> settings.at(embeddedSandbox().baseUrl());
			case TDX -> settings;
		};
	}

	/**
	 * The embedded sandbox, started on first use.
	 * @return the running sandbox
	 */
	public synchronized Sandbox embeddedSandbox() {
		if (this.sandbox == null) {
			this.sandbox = Sandbox.start(SandboxSettings.defaults()
				.withTodayFromClock()
				.withSeed(this.properties.sandboxSeed())
				.withTokens(Map.of(SandboxSettings.TOKEN,
						SandboxSettings.Grant.everything(this.properties.sandboxCallsPerMinute()))));
			logger.info("Embedded sandbox started: source sandbox, synthetic data");
		}
		return this.sandbox;
	}

	/**
	 * The keys of every source, for messages.
	 * @return for example {@code sandbox, tushare, tdx, eastmoney}
	 */
	public static String keys() {
		return Arrays.stream(SourceName.values()).map(SourceName::key).collect(Collectors.joining(", "));
	}

	@Override
	public synchronized void close() {
		if (this.sandbox != null) {
			this.sandbox.close();
			this.sandbox = null;
		}
	}

}
