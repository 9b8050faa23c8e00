package com.marketbase.batch.job.minute1m;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;

/**
 * The feed a launch names, through the source resolver: Tushare Pro or the sandbox (both
 * read through the Tushare connector), or the TDX gateway.
 */
class MinuteBarFeeds {

	/** The lane of the shared quota intraday runs call in. */
	static final String INTRADAY_LANE = "intraday";

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

	/**
	 * The feed of an intraday run: its calls take at most the intraday lane of the shared
	 * quota (half the endpoint's rate unless set as {@code endpoint@intraday}), so a
	 * catch-up during the session never takes the quota a running backfill or the nightly
	 * loads need.
	 * @param source the source's key
	 * @return the feed
	 */
	MinuteBarFeed intradayFeed(String source) {
		SourceName name = SourceName.parse(source);
		return (name.protocol() == SourceName.TDX)
				? new TdxMinuteBarFeed(this.sources.tdx(INTRADAY_LANE), this.sources.reference(name))
				: new TushareMinuteBarFeed(this.sources.tushare(name, INTRADAY_LANE), this.sources.reference(name));
	}

}
