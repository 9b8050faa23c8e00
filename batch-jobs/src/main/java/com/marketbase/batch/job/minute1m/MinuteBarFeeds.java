package com.marketbase.batch.job.minute1m;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.marketbase.batch.probe.ProbeResult;
import com.marketbase.batch.probe.Probes;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.source.tushare.TushareClient;

/**
 * The feed a launch names, through the source resolver: Tushare Pro or the sandbox (both
 * read through the Tushare connector), or the TDX gateway.
 */
class MinuteBarFeeds {

	/** The lane of the shared quota intraday runs call in. */
	static final String INTRADAY_LANE = "intraday";

	private final SourceResolver sources;

	private final DataSource dataSource;

	private final Probes probes;

	private final Clock clock;

	private final Map<String, RealtimeMinuteQuota> realtimeQuotas = new ConcurrentHashMap<>();

	MinuteBarFeeds(SourceResolver sources, DataSource dataSource, Probes probes, Clock clock) {
		this.sources = sources;
		this.dataSource = dataSource;
		this.probes = probes;
		this.clock = clock;
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
	 * loads need. Where the latest permission probe of the source found
	 * {@code rt_min_daily} granted, today's bars come from it while its own quota lasts.
	 * @param source the source's key
	 * @param intradayAt the Beijing time the run loads up to
	 * @return the feed
	 */
	MinuteBarFeed intradayFeed(String source, LocalDateTime intradayAt) {
		SourceName name = SourceName.parse(source);
		if (name.protocol() == SourceName.TDX) {
			return new TdxMinuteBarFeed(this.sources.tdx(INTRADAY_LANE), this.sources.reference(name));
		}
		TushareClient client = this.sources.tushare(name, INTRADAY_LANE);
		MinuteBarFeed minutes = new TushareMinuteBarFeed(client, this.sources.reference(name));
		if (!realtimeGranted(name)) {
			return minutes;
		}
		RealtimeMinuteQuota quota = this.realtimeQuotas.computeIfAbsent(name.key(),
				(key) -> new RealtimeMinuteQuota(key, this.dataSource, this.clock));
		return new RealtimeMinuteBarFeed(client, minutes, quota, intradayAt);
	}

	/**
	 * Whether intraday runs of a source read its realtime minute API.
	 * @param source the source's key
	 * @return whether its latest probe of {@code rt_min_daily} was granted
	 */
	boolean realtimeGranted(String source) {
		return realtimeGranted(SourceName.parse(source));
	}

	private boolean realtimeGranted(SourceName name) {
		return name.protocol() != SourceName.TDX
				&& this.probes.latest(name.key(), RealtimeMinuteQuota.API).map(ProbeResult::granted).orElse(false);
	}

}
