package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.JobWork;
import com.marketbase.batch.support.launch.LaunchField;
import com.marketbase.batch.support.launch.LaunchInput;
import com.marketbase.batch.support.launch.LatestSession;
import com.marketbase.batch.support.launch.LaunchCalendar;
import com.marketbase.batch.support.launch.LaunchSources;
import com.marketbase.batch.support.launch.MixedSources;
import com.marketbase.batch.support.remote.RemoteWorkers;
import com.marketbase.batch.support.remote.WorkersProperties;
import com.marketbase.batch.support.units.GapFinder;
import com.marketbase.batch.warehouse.reference.MarketReference;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads a launch of a dataset's job: checks the parameters, settles the source, checks
 * the symbols against the warehouse's instruments, and without a date picks the last
 * trading day whose data is out.
 */
public final class DatasetLaunch implements JobLaunch {

	/** Days are Beijing days. */
	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private final Dataset<?> dataset;

	private final DatasetSettings settings;

	private final LaunchSources sources;

	private final MarketReference reference;

	private final MixedSources mixed;

	private final LatestSession latest;

	private final GapFinder finder;

	private final JdbcTemplate jdbc;

	private final JobWork work;

	private final LaunchCalendar calendar;

	private final RemoteWorkers workers;

	DatasetLaunch(Dataset<?> dataset, DatasetSettings settings, DataSource dataSource, LaunchSources sources,
			RemoteWorkers workers, JobWork work) {
		this.dataset = dataset;
		this.settings = settings;
		this.sources = sources;
		this.reference = new MarketReference(dataSource);
		this.mixed = new MixedSources(dataSource);
		this.latest = new LatestSession(this.reference);
		this.calendar = new LaunchCalendar(this.reference);
		this.finder = new GapFinder(dataSource, dataset.name(), dataset.storedCondition());
		this.jdbc = new JdbcTemplate(dataSource);
		this.work = work;
		this.workers = workers;
	}

	@Override
	public String jobName() {
		return this.dataset.name();
	}

	@Override
	public String dataset() {
		return this.dataset.name();
	}

	@Override
	public @Nullable String defaultSource() {
		return this.settings.defaultSource();
	}

	@Override
	public JobWork work() {
		return this.work;
	}

	@Override
	public List<LaunchField> fields() {
		return List.of(
				new LaunchField("trade_date",
						"One day, YYYY-MM-DD; empty (and no range) means " + ((this.dataset.defaultOpenDays() > 1)
								? "the last " + this.dataset.defaultOpenDays() + " open days whose data is out"
								: "the last day whose data is out"),
						"2026-11-20"),
				LaunchField.startDate(), LaunchField.endDate(),
				new LaunchField("symbols",
						"Comma-separated " + this.dataset.codeExample() + ", at most " + LaunchInput.MAX_SYMBOLS
								+ "; empty means all of the dataset's instruments",
						""),
				LaunchField.source(this.dataset.sources()),
				new LaunchField("mode",
						"incremental (the default: what is missing, then older holes) or full (every unit again)",
						"incremental"),
				LaunchField.force(), LaunchField.allowMixedSources(), LaunchField.workers());
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		LaunchInput input = new LaunchInput(this.dataset.name(), given, DatasetParameters.NAMES);
		DatasetParameters read = DatasetParameters.parse(this.dataset, input, LocalDate.MIN, "");
		boolean mix = input.flag(LaunchInput.ALLOW_MIXED_SOURCES);
		String source = this.sources.resolve(input.source(), this.settings.defaultSource(), this.dataset.sources());
		this.mixed.check(source, this.sources, mix);
		LocalDate start = read.startDate();
		LocalDate end = read.endDate();
		if (start.equals(LocalDate.MIN)) {
			start = lastPublishedDay(source);
			end = start;
			if (!read.incremental() && this.dataset.historyStart() != null) {
				start = this.dataset.historyStart();
			}
			else if (this.dataset.defaultOpenDays() > 1) {
				start = windowStart(source, end, this.dataset.defaultOpenDays());
			}
		}
		if (this.dataset.publishedDaysLater() > 0) {
			LocalDate out = LatestSession.lastDayOut(this.dataset.publishedAt(), this.dataset.publishedDaysLater());
			if (end.isAfter(out)) {
				throw new IllegalArgumentException(this.dataset.name() + " has no data for " + end
						+ " yet: a day's data " + "is out from " + this.dataset.publishedAt() + " Beijing time "
						+ this.dataset.publishedDaysLater() + " day(s) later; the last day out is " + out + ".");
			}
		}
		if (!read.symbols().isEmpty() && this.reference.instrumentCount() > 0) {
			checkSymbols(read.symbols(), source);
		}
		String exchange = this.finder.calendarExchange();
		int openDays = this.calendar
			.openDays(exchange, source, start, end,
					(from, to) -> this.dataset.feed(source).calendar(exchange, from, to))
			.size();
		long calls = plannedCalls(source, read.symbols().size(), openDays, start);
		LaunchCalendar.checkCalls(this.dataset.name(), calls, this.settings.maxSourceCalls(), read.forcedAt() != null);
		LocalDateTime forcedAt = read.forcedAt();
		if (forcedAt == null && read.incremental() && this.dataset.followsAnnouncements()) {
			// Its window stays the same for months while announcements come daily: each
			// day's run is an instance of its own, and a failed one resumes the same day.
			forcedAt = LocalDate.now(BEIJING).atStartOfDay();
		}
		JobParameters identity = new DatasetParameters(this.dataset.name(), start, end, read.symbols(), source,
				read.mode(), forcedAt)
			.toJobParameters();
		return this.workers.placed(identity, input.get(WorkersProperties.PARAMETER));
	}

	@Override
	public String alreadyCompleted(JobParameters parameters) {
		DatasetParameters read = DatasetParameters.of(this.dataset.name(), parameters);
		if (!read.incremental()) {
			return JobLaunch.super.alreadyCompleted(parameters);
		}
		int missing = this.finder
			.missing(read.symbols().isEmpty() ? null : read.symbols(), read.startDate(), read.endDate())
			.size();
		String range = read.startDate().equals(read.endDate()) ? "on " + read.startDate()
				: "from " + read.startDate() + " to " + read.endDate();
		return (missing == 0)
				? this.dataset.name() + " already completed for these parameters, and nothing it owes " + range
						+ " is missing now; add force=true to load again."
				: this.dataset.name() + " already completed for these parameters, but " + missing + " unit(s) it owes "
						+ range + " are missing now; add force=true, which in incremental mode loads only those.";
	}

	private void checkSymbols(List<String> symbols, String source) {
		Set<String> unknown = this.reference.unknown(symbols);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException(unknownSymbols(unknown, source));
		}
		// A code of another asset class would be owed nothing and end "nothing was
		// missing"; say which job loads it instead.
		List<String> other = this.jdbc.queryForList("""
				select i.symbol || ' (' || i.asset_class || ')' from market.instruments i
				join market.datasets d on d.dataset = ?
				where i.symbol = any (string_to_array(?, ',')) and not i.asset_class = any (d.asset_classes)
				order by i.symbol""", String.class, this.dataset.name(), String.join(",", symbols));
		if (!other.isEmpty()) {
			throw new IllegalArgumentException("Not instruments " + this.dataset.name() + " loads: "
					+ String.join(", ", other) + "; " + this.dataset.otherClassesHint() + ".");
		}
	}

	/**
	 * What every job says of codes the warehouse does not know.
	 * @param unknown the codes
	 * @param source the launch's source
	 * @return the sentence, with what to run
	 */
	public static String unknownSymbols(Set<String> unknown, String source) {
		return "Unknown symbols: " + String.join(", ", unknown) + ". Run job=instruments source=" + source
				+ " to load the instrument lists, or check the codes.";
	}

	/**
	 * The source calls a launch plans at most. Where the source gives whole days, a day
	 * comes in one call and a few instruments at most one call each per day; otherwise
	 * each instrument costs its calls per fetch of its days.
	 */
	private long plannedCalls(String source, int symbols, int openDays, LocalDate start) {
		DatasetFeed<?> feed = this.dataset.feed(source);
		if (feed.wholeDays()) {
			return (symbols == 0 || symbols >= this.settings.wholeMarketFrom()) ? openDays : (long) symbols * openDays;
		}
		long instruments = (symbols > 0) ? symbols : listedInstruments(start);
		long fetches = (openDays + (long) feed.daysPerFetch() - 1) / feed.daysPerFetch();
		return instruments * Math.max(1, fetches) * feed.callsPerRange();
	}

	private long listedInstruments(LocalDate start) {
		Long listed = this.jdbc.queryForObject("""
				select count(*) from market.instruments i join market.datasets d on d.dataset = ?
				where i.asset_class = any (d.asset_classes) and (i.delist_date is null or i.delist_date > ?)""",
				Long.class, this.dataset.name(), start);
		return (listed != null) ? listed : 0;
	}

	/** The first of the given number of open days that end on a day. */
	private LocalDate windowStart(String source, LocalDate end, int openDays) {
		String exchange = this.finder.calendarExchange();
		// Two calendar days per open day reach back past any closure.
		List<LocalDate> days = this.calendar.openDays(exchange, source, end.minusDays(2L * openDays + 20), end,
				(from, to) -> this.dataset.feed(source).calendar(exchange, from, to));
		return days.isEmpty() ? end : days.get(Math.max(0, days.size() - openDays));
	}

	private LocalDate lastPublishedDay(String source) {
		String calendar = this.finder.calendarExchange();
		return this.latest.day(calendar, this.dataset.publishedAt(), this.dataset.publishedDaysLater(),
				(from, to) -> this.dataset.feed(source).calendar(calendar, from, to));
	}

}
