package com.marketbase.batch.job.minute1m;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.JobWork;
import com.marketbase.batch.support.launch.LatestSession;
import com.marketbase.batch.support.launch.LaunchCalendar;
import com.marketbase.batch.support.launch.LaunchField;
import com.marketbase.batch.support.launch.LaunchInput;
import com.marketbase.batch.support.launch.LoadBatchWork;
import com.marketbase.batch.support.launch.MixedSources;
import com.marketbase.batch.support.pipeline.DatasetLaunch;
import com.marketbase.batch.support.remote.RemoteWorkers;
import com.marketbase.batch.support.remote.WorkersProperties;
import com.marketbase.batch.warehouse.reference.MarketReference;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Reads a {@code minute_1m} launch: checks the parameters, settles the source, checks the
 * symbols against the warehouse's instruments, and without a date picks the last trading
 * day whose session has closed.
 */
class Minute1mLaunch implements JobLaunch {

	private final Minute1mJobProperties properties;

	private final MarketReference reference;

	private final MixedSources mixed;

	private final LatestSession latest;

	private final SourceResolver sources;

	private final MinuteBarFeeds feeds;

	private final JobWork work;

	private final LaunchCalendar calendar;

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final LocalTime SESSION_CLOSE = LocalTime.of(15, 0);

	/** About the A-shares and ETFs listed today. */
	private static final long WHOLE_MARKET = 6_500;

	private final Clock clock;

	private final RemoteWorkers workers;

	Minute1mLaunch(Minute1mJobProperties properties, DataSource dataSource, SourceResolver sources,
			MinuteBarFeeds feeds, Clock clock, RemoteWorkers workers) {
		this.clock = clock;
		this.workers = workers;
		this.properties = properties;
		this.reference = new MarketReference(dataSource);
		this.mixed = new MixedSources(dataSource);
		this.latest = new LatestSession(this.reference);
		this.calendar = new LaunchCalendar(this.reference);
		this.sources = sources;
		this.feeds = feeds;
		this.work = new LoadBatchWork(dataSource, Minute1mPrepareTasklet.LOAD_BATCH, Minute1mPrepareTasklet.PLANNED,
				sources::waitingForQuota);
	}

	@Override
	public String jobName() {
		return Minute1mParameters.JOB_NAME;
	}

	@Override
	public String dataset() {
		return MinuteBarWriter.DATASET;
	}

	@Override
	public @Nullable String defaultSource() {
		return this.properties.defaultSource();
	}

	@Override
	public JobWork work() {
		return this.work;
	}

	@Override
	public List<LaunchField> fields() {
		return List.of(new LaunchField("trade_date",
				"One day, YYYY-MM-DD; empty (and no range) means the last closed session", "2026-11-20"),
				LaunchField.startDate(), LaunchField.endDate(),
				new LaunchField("symbols",
						"Comma-separated codes (at most " + Minute1mParameters.MAX_SYMBOLS
								+ "); empty means the whole market",
						"600000.SH,000001.SZ"),
				new LaunchField("exchange", "SH, SZ or BJ instead of symbols", "SZ"),
				LaunchField.source(Minute1mParameters.SOURCES),
				new LaunchField(
						"mode", "full (the default: every unit of the days) or incremental (then older holes)", "full"),
				LaunchField.force(),
				new LaunchField(Minute1mParameters.INTRADAY,
						"true loads today's bars so far while the session is open (units stay in progress until "
								+ "the close); after 15:00 it is an ordinary run of today",
						"false"),
				LaunchField.allowMixedSources(), LaunchField.workers());
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		LaunchInput input = new LaunchInput(Minute1mParameters.JOB_NAME, given, Minute1mParameters.NAMES);
		Minute1mParameters parameters = Minute1mParameters.parse(input, LocalDate.MIN, "");
		boolean mix = input.flag(LaunchInput.ALLOW_MIXED_SOURCES);
		String source = this.sources.resolve(input.source(), this.properties.defaultSource(),
				Minute1mParameters.SOURCES);
		this.mixed.check(source, this.sources, mix);
		LocalDate start = parameters.startDate();
		LocalDate end = parameters.endDate();
		LocalDateTime intradayAt = null;
		if (input.flag(Minute1mParameters.INTRADAY)) {
			LocalDateTime now = LocalDateTime.now(this.clock.withZone(BEIJING)).truncatedTo(ChronoUnit.SECONDS);
			LocalDate today = now.toLocalDate();
			if (!start.equals(LocalDate.MIN) && (!start.equals(today) || !end.equals(today))) {
				throw new IllegalArgumentException("intraday=true loads today, " + today
						+ " in Beijing; leave out the dates or give trade_date=" + today + ".");
			}
			start = today;
			end = today;
			// After the close the day is over: the run is an ordinary one and completes
			// the day's units.
			intradayAt = now.toLocalTime().isBefore(SESSION_CLOSE) ? now : null;
		}
		if (start.equals(LocalDate.MIN)) {
			start = lastClosedSession(source);
			end = start;
		}
		boolean knowsInstruments = this.reference.instrumentCount() > 0;
		if (!parameters.symbols().isEmpty() && knowsInstruments) {
			Set<String> unknown = this.reference.unknown(parameters.symbols());
			if (!unknown.isEmpty()) {
				throw new IllegalArgumentException(DatasetLaunch.unknownSymbols(unknown, source));
			}
		}
		MinuteBarFeed feed = this.feeds.feed(source);
		int openDays = this.calendar
			.openDays(MarketReference.A_SHARE_CALENDAR, source, start, end, feed.reference()::shareCalendar)
			.size();
		// Without the lists yet, a whole market is taken at its size today.
		long symbols = !parameters.symbols().isEmpty() ? parameters.symbols().size() : knowsInstruments
				? this.reference.listedShares(parameters.exchange(), start, end).size() : WHOLE_MARKET;
		long unitsPerSymbol = (openDays + feed.daysPerUnit() - 1) / Math.max(1, feed.daysPerUnit());
		LaunchCalendar.checkCalls(Minute1mParameters.JOB_NAME, symbols * unitsPerSymbol,
				this.properties.maxSourceCalls(), parameters.forcedAt() != null);
		JobParameters identity = new Minute1mParameters(start, end, parameters.symbols(), parameters.exchange(), source,
				parameters.mode(), parameters.forcedAt(), intradayAt)
			.toJobParameters();
		return this.workers.placed(identity, input.get(WorkersProperties.PARAMETER));
	}

	// Today once Beijing's session has closed (with a margin for the last bars),
	// otherwise
	// the trading day before.
	private LocalDate lastClosedSession(String source) {
		return this.latest.day(MarketReference.A_SHARE_CALENDAR, LocalTime.of(15, 30),
				this.feeds.feed(source).reference()::shareCalendar);
	}

}
