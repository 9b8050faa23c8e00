package com.marketbase.batch.source;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the sources are and how hard to press them ({@code marketbase.sources.*}).
 * Tushare Pro and Eastmoney answer at their documented addresses unless told otherwise;
 * the TDX gateway is self-hosted and has no default. The Tushare token is not part of
 * these settings; it is read from {@code marketbase.sources.tushare.token} or
 * {@code TUSHARE_TOKEN} straight into a {@link Secret}.
 *
 * @param tushare Tushare Pro, {@code http://api.tushare.pro} unless set
 * @param tdx the TDX gateway, for example {@code http://127.0.0.1:8080}; without it the
 * gateway is not configured
 * @param eastmoney Eastmoney's NAV history, {@code http://api.fund.eastmoney.com} unless
 * set
 * @param eastmoneyEstimateUrl Eastmoney's estimates,
 * {@code http://fundgz.1234567.com.cn}; empty means the same as {@code eastmoney}
 * @param eastmoneyValuationUrl Eastmoney's batch estimates ({@code FundValuationLast}),
 * {@code https://fundcomapi.tiantianfunds.com} unless set; where {@code eastmoney} is set
 * and this is not, the same as {@code eastmoney}, so that one address moves every
 * Eastmoney call (to a sandbox, say)
 * @param defaultSource the source of a launch that names none ({@code tushare},
 * {@code tdx} or {@code sandbox}); empty means the sandbox in demo mode and Tushare Pro
 * otherwise
 * @param sandboxSeed the seed of the embedded sandbox
 * @param sandboxCallsPerMinute the per-API quota of the embedded sandbox's token; high by
 * default, because the embedded sandbox stands in for a source on one's own machine
 * rather than imitating a paid tier
 * @param fxPairs the FX pairs the warehouse follows ({@code USDCNH} or
 * {@code USDCNH.FXCM}): the instrument list keeps only these, so {@code fx_daily} owes
 * bars for them alone
 */
@ConfigurationProperties("marketbase.sources")
public record SourcesProperties(@DefaultValue SourceSettings tushare, @DefaultValue SourceSettings tdx,
		@DefaultValue SourceSettings eastmoney, @Nullable URI eastmoneyEstimateUrl, @Nullable URI eastmoneyValuationUrl,
		@Nullable String defaultSource, @DefaultValue("42") long sandboxSeed,
		@DefaultValue("100000") int sandboxCallsPerMinute, @DefaultValue( {
				"USDCNH", "EURUSD", "USDJPY", "GBPUSD", "AUDUSD", "USDHKD" }) List<String> fxPairs){

	private static final Pattern PAIR = Pattern.compile("[A-Z]{6}(\\.FXCM)?");

	/** At most this many pairs: each is a call a day, and the list is typed by hand. */
	public static final int MAX_FX_PAIRS = 200;

	public SourcesProperties {
		if (fxPairs.size() > MAX_FX_PAIRS) {
			throw new IllegalArgumentException(
					"marketbase.sources.fx-pairs lists " + fxPairs.size() + " pairs; at most " + MAX_FX_PAIRS);
		}
		for (String pair : fxPairs) {
			if (!PAIR.matcher(pair.strip().toUpperCase(Locale.ROOT)).matches()) {
				throw new IllegalArgumentException("marketbase.sources.fx-pairs: '" + pair
						+ "' is not a currency pair like USDCNH (or USDCNH.FXCM)");
			}
		}
	}

	/**
	 * The FX pairs the warehouse follows, in Tushare's form.
	 * @return for example {@code USDCNH.FXCM}, in the order configured
	 */
	public Set<String> fxCodes() {
		Set<String> codes = new LinkedHashSet<>();
		for (String pair : this.fxPairs) {
			String code = pair.strip().toUpperCase(Locale.ROOT);
			codes.add(code.endsWith(".FXCM") ? code : code + ".FXCM");
		}
		return codes;
	}

	/** Tushare Pro's documented endpoint. */
	public static final URI TUSHARE_URL = URI.create("http://api.tushare.pro");

	/** Eastmoney's fund data host. */
	public static final URI EASTMONEY_URL = URI.create("http://api.fund.eastmoney.com");

	/** The host of Eastmoney's successor estimate endpoint. */
	public static final URI EASTMONEY_VALUATION_URL = URI.create("https://fundcomapi.tiantianfunds.com");

	/**
	 * The settings of one source as configured; the sandbox has none of its own.
	 * @param source the source
	 * @return its settings
	 */
	public SourceSettings of(SourceName source) {
		return switch (source) {
			case TUSHARE -> this.tushare;
			case TDX -> this.tdx;
			case EASTMONEY -> this.eastmoney;
			case SANDBOX -> SourceSettings.direct(null);
		};
	}

	/**
	 * Whether any source was set up: an address, or a default source.
	 * @return true when something under {@code marketbase.sources} says where to read
	 */
	public boolean anyConfigured() {
		return this.tushare.baseUrl() != null || this.tdx.baseUrl() != null || this.eastmoney.baseUrl() != null
				|| (this.defaultSource != null && !this.defaultSource.isBlank());
	}

}
