package com.marketbase.batch.job.minute1m;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;

/**
 * The feed a launch names, through the source resolver: Tushare Pro or the sandbox (both
 * read through the Tushare connector), or the TDX gateway.
 */
class MinuteBarFeeds {

	private final SourceResolver sources;

	MinuteBarFeeds(SourceResolver sources) {
		this.sources = sources;
	}

	MinuteBarFeed feed(String source) {
		SourceName name = SourceName.parse(source);
		return (name.protocol() == SourceName.TDX)
				? new TdxMinuteBarFeed(this.sources.tdx(), this.sources.reference(name))
				: new TushareMinuteBarFeed(this.sources.tushare(name), this.sources.reference(name));
	}

}
