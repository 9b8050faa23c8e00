package com.marketbase.batch.job.calendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.support.launch.LaunchInput;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The parameters of a {@code calendar} launch. The window, the exchanges, the source and
 * the optional {@code trade_date} (the day a scheduled run is for) identify the job
 * instance, so a failed launch resumes when repeated and a completed one is not loaded
 * twice; {@code force=true} adds the launch time to load again.
 *
 * @param startDate first day (inclusive)
 * @param endDate last day (inclusive)
 * @param exchanges the exchanges, sorted: {@code SSE}, {@code SZSE} and the futures
 * exchanges Tushare has calendars for
 * @param source {@code tushare}, {@code tdx} or {@code sandbox}
 * @param tradeDate the day the run is for, or {@code null}
 * @param forcedAt when a forced reload was asked for, or {@code null}
 */
public record CalendarParameters(LocalDate startDate, LocalDate endDate, List<String> exchanges, String source,
		@Nullable LocalDate tradeDate, @Nullable LocalDateTime forcedAt) {

	/** The job's name, as the command line and the console know it. */
	public static final String JOB_NAME = "calendar";

	static final Set<String> NAMES = Set.of("start_date", "end_date", "exchanges", "source", "trade_date", "force",
			LaunchInput.ALLOW_MIXED_SOURCES);

	/** The sources the job reads. */
	static final Set<String> SOURCES = Set.of(SourceName.TUSHARE.key(), SourceName.TDX.key(), SourceName.SANDBOX.key());

	/** The A-share exchanges and the futures exchanges of Tushare's {@code trade_cal}. */
	static final Set<String> EXCHANGES = Set.of("SSE", "SZSE", "CFFEX", "SHFE", "CZCE", "DCE", "INE");

	/** The exchanges TDX has a calendar for: its one A-share calendar. */
	static final Set<String> TDX_EXCHANGES = Set.of("SSE", "SZSE");

	// A calendar longer than this is a typing mistake, not a request.
	static final int MAX_YEARS = 40;

	private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

	public CalendarParameters {
		exchanges = List.copyOf(exchanges);
	}

	/**
	 * Reads the parameters a person typed, refusing anything unknown, malformed or
	 * contradictory with one message that says what is allowed.
	 * @param given the {@code name=value} pairs
	 * @param today the day whose year is loaded when neither a window nor a
	 * {@code trade_date} is given
	 * @param source the source's key, as the launch settled it
	 * @return the parameters
	 * @throws IllegalArgumentException with the message for the person
	 */
	public static CalendarParameters parse(Map<String, String> given, LocalDate today, String source) {
		for (String name : given.keySet()) {
			if (!NAMES.contains(name)) {
				throw new IllegalArgumentException("Unknown parameter '" + name + "' for " + JOB_NAME + "; allowed: "
						+ String.join(", ", new TreeSet<>(NAMES)) + ".");
			}
		}
		String start = given.get("start_date");
		String end = given.get("end_date");
		LocalDate tradeDate = given.containsKey("trade_date") ? date("trade_date", given.get("trade_date")) : null;
		LocalDate year = (tradeDate != null) ? tradeDate : today;
		LocalDate first = (start != null) ? date("start_date", start) : year.withDayOfYear(1);
		LocalDate last = (end != null) ? date("end_date", end) : first.withMonth(12).withDayOfMonth(31);
		if (first.isAfter(last)) {
			throw new IllegalArgumentException("start_date " + first + " is after end_date " + last + ".");
		}
		if (first.plusYears(MAX_YEARS).isBefore(last)) {
			throw new IllegalArgumentException(
					"The window " + first + " to " + last + " is longer than " + MAX_YEARS + " years.");
		}
		if (tradeDate != null && (tradeDate.isBefore(first) || tradeDate.isAfter(last))) {
			throw new IllegalArgumentException(
					"trade_date " + tradeDate + " is outside the window " + first + " to " + last + ".");
		}
		TreeSet<String> exchanges = new TreeSet<>();
		for (String exchange : given.getOrDefault("exchanges", "SSE").split(",")) {
			String code = exchange.strip().toUpperCase(Locale.ROOT);
			if (!EXCHANGES.contains(code)) {
				throw new IllegalArgumentException("Unknown exchange '" + exchange.strip()
						+ "' in exchanges; use SSE, SZSE, CFFEX, SHFE, CZCE, DCE or INE, for example SSE,SZSE.");
			}
			exchanges.add(code);
		}
		if (SourceName.TDX.key().equals(source) && !TDX_EXCHANGES.containsAll(exchanges)) {
			throw new IllegalArgumentException(
					"The TDX gateway has the A-share calendar only; with source tdx use SSE and/or SZSE.");
		}
		return new CalendarParameters(first, last, List.copyOf(exchanges), source, tradeDate,
				new LaunchInput(JOB_NAME, given, NAMES).forcedAt());
	}

	/**
	 * Reads the parameters of an existing or requested launch.
	 * @param parameters the job parameters
	 * @return the parameters
	 */
	public static CalendarParameters of(JobParameters parameters) {
		LocalDate start = parameters.getLocalDate("start_date");
		LocalDate end = parameters.getLocalDate("end_date");
		String exchanges = parameters.getString("exchanges");
		String source = parameters.getString("source");
		if (start == null || end == null || exchanges == null || source == null) {
			throw new IllegalArgumentException("start_date, end_date, exchanges and source are required");
		}
		return new CalendarParameters(start, end, List.of(exchanges.split(",")), source,
				parameters.getLocalDate("trade_date"), parameters.getLocalDateTime("forced_at"));
	}

	/**
	 * The job parameters: all identifying, so that they name the job instance.
	 * @return the parameters
	 */
	public JobParameters toJobParameters() {
		JobParametersBuilder builder = new JobParametersBuilder().addLocalDate("start_date", this.startDate)
			.addLocalDate("end_date", this.endDate)
			.addString("exchanges", String.join(",", this.exchanges))
			.addString("source", this.source);
		if (this.tradeDate != null) {
			builder.addLocalDate("trade_date", this.tradeDate);
		}
		if (this.forcedAt != null) {
			builder.addLocalDateTime("forced_at", this.forcedAt);
		}
		return builder.toJobParameters();
	}

	private static LocalDate date(String name, String value) {
		return LaunchInput.date(name, value);
	}

	/**
	 * Validates launches that do not come through {@link #parse} (the console, restarts).
	 */
	static final class Validator implements JobParametersValidator {

		@Override
		public void validate(JobParameters parameters) throws InvalidJobParametersException {
			try {
				CalendarParameters read = of(parameters);
				if (read.startDate().isAfter(read.endDate())) {
					throw new IllegalArgumentException("start_date is after end_date");
				}
				if (!SOURCES.contains(read.source())) {
					throw new IllegalArgumentException("unknown source " + read.source());
				}
				if (!EXCHANGES.containsAll(read.exchanges())) {
					throw new IllegalArgumentException("exchanges are SSE, SZSE, CFFEX, SHFE, CZCE, DCE or INE");
				}
				if (SourceName.TDX.key().equals(read.source()) && !TDX_EXCHANGES.containsAll(read.exchanges())) {
					throw new IllegalArgumentException("the TDX gateway has the A-share calendar only");
				}
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidJobParametersException(
						"Invalid parameters for " + JOB_NAME + ": " + ex.getMessage() + ".");
			}
		}

	}

}
