package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The parameters of a daily-bar launch. The dates, the scope (symbols or all of the
 * dataset's instruments), the source and the mode identify the job instance: the
 * scheduler launches one instance per trading day with {@code trade_date}, repeating a
 * failed one resumes it, and {@code force=true} adds the launch time to run again.
 *
 * @param dataset the dataset loaded
 * @param startDate first requested day (inclusive)
 * @param endDate last requested day (inclusive)
 * @param symbols the instruments to load, empty for all of the dataset's
 * @param source {@code tushare}, {@code tdx} or {@code sandbox}
 * @param mode {@code incremental} (only what is missing, then older holes) or
 * {@code full} (every unit of the requested days again)
 * @param forcedAt when a new run of the same parameters was asked for, or {@code null}
 */
public record DailyParameters(DailyDataset dataset, LocalDate startDate, LocalDate endDate, List<String> symbols,
		String source, String mode, @Nullable LocalDateTime forcedAt) {

	/** Loads what is missing: the requested days, then older holes within a budget. */
	public static final String INCREMENTAL = "incremental";

	/** Loads every unit of the requested days again. */
	public static final String FULL = "full";

	static final Set<String> NAMES = Set.of("trade_date", "start_date", "end_date", "symbols", "source", "mode",
			"force");

	static final Set<String> SOURCES = Set.of("tushare", "tdx", "sandbox");

	/** At most this many symbols fit the job repository's parameter column. */
	static final int MAX_SYMBOLS = 200;

	private static final Pattern A_SHARE_CODE = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

	private static final Pattern INDEX_CODE = Pattern.compile("[0-9A-Z]{6}\\.(SH|SZ|BJ|CSI|SI)");

	private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

	public DailyParameters {
		symbols = List.copyOf(symbols);
	}

	/**
	 * Reads the parameters a person typed, refusing anything unknown, malformed or
	 * contradictory with a message that says what is allowed.
	 * @param dataset the job's dataset
	 * @param given the {@code name=value} pairs
	 * @param defaultDay the day to load when no date is given
	 * @param defaultSource the source when none is given
	 * @return the parameters
	 * @throws IllegalArgumentException with the message for the person
	 */
	public static DailyParameters parse(DailyDataset dataset, Map<String, String> given, LocalDate defaultDay,
			String defaultSource) {
		String job = dataset.dataset();
		for (String name : given.keySet()) {
			if (!NAMES.contains(name)) {
				throw new IllegalArgumentException("Unknown parameter '" + name + "' for " + job + "; allowed: "
						+ String.join(", ", new TreeSet<>(NAMES)) + ".");
			}
		}
		String tradeDate = given.get("trade_date");
		String start = given.get("start_date");
		String end = given.get("end_date");
		if (tradeDate != null && (start != null || end != null)) {
			throw new IllegalArgumentException("Give either trade_date or start_date/end_date, not both.");
		}
		if ((start == null) != (end == null)) {
			throw new IllegalArgumentException("start_date and end_date go together; for one day use trade_date.");
		}
		LocalDate first = defaultDay;
		LocalDate last = defaultDay;
		if (tradeDate != null) {
			first = date("trade_date", tradeDate);
			last = first;
		}
		else if (start != null) {
			first = date("start_date", start);
			last = date("end_date", end);
			if (first.isAfter(last)) {
				throw new IllegalArgumentException("start_date " + first + " is after end_date " + last + ".");
			}
		}
		String symbolList = given.get("symbols");
		List<String> symbols = (symbolList != null) ? symbols(dataset, symbolList) : List.of();
		String source = given.getOrDefault("source", defaultSource).toLowerCase(Locale.ROOT);
		if (!SOURCES.contains(source)) {
			throw new IllegalArgumentException("Unknown source '" + given.getOrDefault("source", defaultSource)
					+ "'; use tushare, tdx or sandbox.");
		}
		String mode = given.getOrDefault("mode", INCREMENTAL).toLowerCase(Locale.ROOT);
		if (!mode.equals(INCREMENTAL) && !mode.equals(FULL)) {
			throw new IllegalArgumentException("mode is incremental or full, not '" + given.get("mode") + "'.");
		}
		String force = given.getOrDefault("force", "false").toLowerCase(Locale.ROOT);
		if (!force.equals("true") && !force.equals("false")) {
			throw new IllegalArgumentException("force is true or false, not '" + given.get("force") + "'.");
		}
		return new DailyParameters(dataset, first, last, symbols, source, mode,
				force.equals("true") ? LocalDateTime.now().withNano(0) : null);
	}

	/**
	 * Reads the parameters of an existing or requested launch.
	 * @param dataset the job's dataset
	 * @param parameters the job parameters
	 * @return the parameters
	 */
	public static DailyParameters of(DailyDataset dataset, JobParameters parameters) {
		String scope = parameters.getString("scope");
		LocalDate start = parameters.getLocalDate("start_date");
		LocalDate end = parameters.getLocalDate("end_date");
		String source = parameters.getString("source");
		String mode = parameters.getString("mode");
		if (scope == null || start == null || end == null || source == null || mode == null) {
			throw new IllegalArgumentException("start_date, end_date, scope, source and mode are required");
		}
		List<String> symbols = scope.startsWith("symbols:") ? List.of(scope.substring(8).split(",")) : List.of();
		return new DailyParameters(dataset, start, end, symbols, source, mode,
				parameters.getLocalDateTime("forced_at"));
	}

	/**
	 * The job parameters: all identifying, so that they name the job instance.
	 * @return the parameters
	 */
	public JobParameters toJobParameters() {
		JobParametersBuilder builder = new JobParametersBuilder().addLocalDate("start_date", this.startDate)
			.addLocalDate("end_date", this.endDate)
			.addString("scope", scope())
			.addString("source", this.source)
			.addString("mode", this.mode);
		if (this.forcedAt != null) {
			builder.addLocalDateTime("forced_at", this.forcedAt);
		}
		return builder.toJobParameters();
	}

	/**
	 * What is loaded: {@code all} or {@code symbols:600000.SH,000001.SZ}.
	 * @return the scope
	 */
	public String scope() {
		return this.symbols.isEmpty() ? "all" : "symbols:" + String.join(",", this.symbols);
	}

	public boolean incremental() {
		return INCREMENTAL.equals(this.mode);
	}

	private static LocalDate date(String name, String value) {
		try {
			return (value.length() == 8) ? LocalDate.parse(value, COMPACT) : LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					name + " '" + value + "' is not a date; use YYYY-MM-DD, for example 2026-11-20.");
		}
	}

	private static List<String> symbols(DailyDataset dataset, String list) {
		Pattern code = (dataset == DailyDataset.INDEX_DAILY) ? INDEX_CODE : A_SHARE_CODE;
		TreeSet<String> symbols = new TreeSet<>();
		List<String> malformed = new ArrayList<>();
		for (String symbol : list.split(",")) {
			String typed = symbol.strip().toUpperCase(Locale.ROOT);
			if (typed.isEmpty()) {
				continue;
			}
			if (code.matcher(typed).matches()) {
				symbols.add(typed);
			}
			else {
				malformed.add(symbol.strip());
			}
		}
		if (!malformed.isEmpty()) {
			throw new IllegalArgumentException(
					"Not " + dataset.codeExample() + ": " + String.join(", ", malformed) + ".");
		}
		if (symbols.isEmpty()) {
			throw new IllegalArgumentException("symbols is empty; list codes like 600000.SH,000001.SZ.");
		}
		if (symbols.size() > MAX_SYMBOLS) {
			throw new IllegalArgumentException("Too many symbols (" + symbols.size() + ") for one launch; at most "
					+ MAX_SYMBOLS + ", or leave symbols out for all.");
		}
		return List.copyOf(symbols);
	}

	/**
	 * Validates launches that do not come through {@link #parse} (the console, restarts).
	 */
	static final class Validator implements JobParametersValidator {

		private final DailyDataset dataset;

		Validator(DailyDataset dataset) {
			this.dataset = dataset;
		}

		@Override
		public void validate(JobParameters parameters) throws InvalidJobParametersException {
			try {
				DailyParameters read = of(this.dataset, parameters);
				if (read.startDate().isAfter(read.endDate())) {
					throw new IllegalArgumentException("start_date is after end_date");
				}
				if (!SOURCES.contains(read.source())) {
					throw new IllegalArgumentException("unknown source " + read.source());
				}
				if (!read.mode().equals(INCREMENTAL) && !read.mode().equals(FULL)) {
					throw new IllegalArgumentException("unknown mode " + read.mode());
				}
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidJobParametersException(
						"Invalid parameters for " + this.dataset.dataset() + ": " + ex.getMessage() + ".");
			}
		}

	}

}
