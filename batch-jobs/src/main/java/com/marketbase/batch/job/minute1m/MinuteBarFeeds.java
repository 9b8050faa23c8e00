package com.marketbase.batch.job.minute1m;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tushare.TushareClient;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Picks the feed a launch names: the configured Tushare or TDX connector, or the embedded
 * sandbox spoken to through the real Tushare connector.
 */
class MinuteBarFeeds {

	private final ObjectProvider<TushareClient> tushare;

	private final ObjectProvider<TdxClient> tdx;

	private final ObjectProvider<Sandbox> sandbox;

	private final SourceStates states;

	MinuteBarFeeds(ObjectProvider<TushareClient> tushare, ObjectProvider<TdxClient> tdx,
			ObjectProvider<Sandbox> sandbox, SourceStates states) {
		this.tushare = tushare;
		this.tdx = tdx;
		this.sandbox = sandbox;
		this.states = states;
	}

	MinuteBarFeed feed(String source) {
		return switch (source) {
			case "tushare" -> new TushareMinuteBarFeed(this.tushare.getObject());
			case "tdx" -> new TdxMinuteBarFeed(this.tdx.getObject());
			case "sandbox" -> new TushareMinuteBarFeed(sandboxClient());
			default -> throw new IllegalArgumentException("Unknown source '" + source + "'");
		};
	}

	// The sandbox keeps its own per-token quota; the warehouse's Tushare quota is for the
	// real service and does not apply.
	private TushareClient sandboxClient() {
		return TushareClient.unmetered(this.sandbox.getObject().baseUrl(), Secret.of(SandboxSettings.TOKEN),
				this.states);
	}

}
