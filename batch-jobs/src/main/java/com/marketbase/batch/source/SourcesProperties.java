package com.marketbase.batch.source;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the sources are and how hard to press them ({@code marketbase.sources.*}). A
 * source without a base URL is served by the embedded sandbox. The Tushare token is not
 * part of these settings; it is read from {@code marketbase.sources.tushare.token} or
 * {@code TUSHARE_TOKEN} straight into a {@link Secret}.
 *
 * @param tushare Tushare Pro, for example {@code http://api.tushare.pro}
 * @param tdx the TDX gateway, for example {@code http://127.0.0.1:8080}
 * @param eastmoney Eastmoney's NAV history, {@code http://api.fund.eastmoney.com}
 * @param eastmoneyEstimateUrl Eastmoney's estimates,
 * {@code http://fundgz.1234567.com.cn}; empty means the same as {@code eastmoney}
 * @param sandboxSeed the seed of the embedded sandbox
 * @param sandboxCallsPerMinute the per-API quota of the embedded sandbox's token; high by
 * default, because the embedded sandbox stands in for a source on one's own machine
 * rather than imitating a paid tier
 */
@ConfigurationProperties("marketbase.sources")
public record SourcesProperties(@DefaultValue SourceSettings tushare, @DefaultValue SourceSettings tdx,
		@DefaultValue SourceSettings eastmoney, URI eastmoneyEstimateUrl, @DefaultValue("42") long sandboxSeed,
		@DefaultValue("100000") int sandboxCallsPerMinute) {

	/**
	 * The settings of one source.
	 * @param source the source
	 * @return its settings
	 */
	public SourceSettings of(SourceName source) {
		return switch (source) {
			case TUSHARE -> this.tushare;
			case TDX -> this.tdx;
			case EASTMONEY -> this.eastmoney;
		};
	}

	/**
	 * Whether every source has a base URL, so that no sandbox is needed.
	 * @return whether all sources are configured
	 */
	public boolean allConfigured() {
		return this.tushare.baseUrl() != null && this.tdx.baseUrl() != null && this.eastmoney.baseUrl() != null;
	}

}
