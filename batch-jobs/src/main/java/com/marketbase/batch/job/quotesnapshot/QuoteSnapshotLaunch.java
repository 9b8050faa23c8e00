package com.marketbase.batch.job.quotesnapshot;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketbase.batch.probe.Probes;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.JobWork;
import com.marketbase.batch.support.launch.LaunchField;
import com.marketbase.batch.support.launch.LaunchInput;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Reads a {@code quote_snapshot} or {@code market_stats} launch: the source, and the
 * capture time that makes each run a job instance of its own. A scheduled run's
 * {@code trade_date} is taken and left alone: a snapshot is always of now.
 */
class QuoteSnapshotLaunch implements JobLaunch {

	static final String JOB_NAME = "quote_snapshot";

	/** The job that keeps the market-wide counts of a capture and not its quotes. */
	static final String STATS_JOB_NAME = "market_stats";

	/** Realtime equity and ETF data: the roadmap's P2 module. */
	static final String SWITCH = "p2RealtimeEquityEtfV1";

	private static final Set<String> NAMES = Set.of("source", "trade_date", "force");

	private static final Set<String> SOURCES = Set.of(SourceName.TUSHARE.key(), SourceName.TDX.key(),
			SourceName.SANDBOX.key());

	private final SourceResolver sources;

	private final Clock clock;

	private final String jobName;

	private final Probes probes;

	QuoteSnapshotLaunch(String jobName, SourceResolver sources, Probes probes, Clock clock) {
		this.jobName = jobName;
		this.sources = sources;
		this.probes = probes;
		this.clock = clock;
	}

	@Override
	public String jobName() {
		return this.jobName;
	}

	@Override
	public List<LaunchField> fields() {
		return List.of(LaunchField.source(SOURCES));
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		LaunchInput input = new LaunchInput(this.jobName, given, NAMES);
		String source = this.sources.resolve(input.source(), null, SOURCES);
		// A realtime endpoint the token is not granted answers nothing but its refusal;
		// the latest probe says so before any call is spent.
		String endpoint = (SourceName.parse(source).protocol() == SourceName.TDX) ? "/api/quote" : "rt_k";
		// Only a refusal in Tushare's words ("您没有接口(rt_k)访问权限", "您没有权限访问该接口")
		// says so; a probe that met the quota or a failure tells nothing about the grant.
		this.probes.latest(source, endpoint)
			.filter((probe) -> !probe.granted() && probe.message().contains("您没有"))
			.ifPresent((probe) -> {
				throw new IllegalArgumentException(this.jobName + " cannot read " + endpoint + " of " + source
						+ ": its probe at " + probe.probedAt() + " was refused (" + probe.message() + "); run 'probe "
						+ source + "' again once it is granted, or use another source.");
			});
		LocalDateTime at = LocalDateTime.now(this.clock.withZone(ZoneId.of("Asia/Shanghai")))
			.truncatedTo(ChronoUnit.MILLIS);
		return new JobParametersBuilder().addString("source", source)
			.addLocalDateTime("captured_at", at)
			.toJobParameters();
	}

	@Override
	public @Nullable String dataset() {
		return null;
	}

	@Override
	public String rolloutSwitch() {
		return SWITCH;
	}

	@Override
	public JobWork work() {
		return JobWork.none();
	}

}
