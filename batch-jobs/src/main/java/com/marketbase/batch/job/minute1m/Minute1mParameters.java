package com.marketbase.batch.job.minute1m;

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
 * The parameters of a {@code minute_1m} launch. The dates, the scope (symbols, an
 * exchange or the whole market) and the source identify the job instance, so a repeated
 * launch of a failed day resumes it and a completed one is not loaded twice;
 * {@code force=true} adds the launch time to the identity to load again. With
 * {@code mode=incremental} a run also heals older holes after the requested days.
 *
 * @param startDate first day (inclusive)
 * @param endDate last day (inclusive)
 * @param symbols the symbols to load, empty for an exchange or the market
 * @param exchange {@code SH}, {@code SZ} or {@code BJ}, or {@code null}
 * @param source {@code tushare}, {@code tdx} or {@code sandbox}
 * @param mode {@code full} (the requested days, every unit; the default) or
 * {@code incremental} (the requested days, then older holes within a budget of calls)
 * @param forcedAt when a forced reload was asked for, or {@code null}
 */
public record Minute1mParameters(LocalDate startDate, LocalDate endDate, List<String> symbols,
		@Nullable String exchange, String source, String mode, @Nullable LocalDateTime forcedAt) {

	/** The requested days, then older holes within a budget of source calls. */
	public static final String INCREMENTAL = "incremental";

	/** The requested days only, every unit of them. */
	public static final String FULL = "full";

	/** The job's name, as the command line and the console know it. */
	public static final String JOB_NAME = "minute_1m";

	static final Set<String> NAMES = Set.of("trade_date", "start_date", "end_date", "symbols", "exchange", "source",
			"mode", "force");

	static final Set<String> SOURCES = Set.of("tushare", "tdx", "sandbox");

	static final Set<String> EXCHANGES = Set.of("SH", "SZ", "BJ");

	/** At most this many symbols fit the job repository's parameter column. */
	static final int MAX_SYMBOLS = 200;

	private static final Pattern A_SHARE_CODE = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

	private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

	public Minute1mParameters {
		symbols = List.copyOf(symbols);
	}

	/**
	 * Reads the parameters a person typed, refusing anything unknown, malformed or
	 * contradictory with a message that says what is allowed.
	 * @param given the {@code name=value} pairs
	 * @param defaultDay the day to load when no date is given
	 * @param defaultSource the source when none is given
	 * @return the parameters
	 * @throws IllegalArgumentException with the message for the person
	 */
	public static Minute1mParameters parse(Map<String, String> given, LocalDate defaultDay, String defaultSource) {
		for (String name : given.keySet()) {
			if (!NAMES.contains(name)) {
				throw new IllegalArgumentException("Unknown parameter '" + name + "' for " + JOB_NAME + "; allowed: "
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
		String exchange = given.get("exchange");
		if (symbolList != null && exchange != null) {
			throw new IllegalArgumentException("Give either symbols or exchange, not both.");
		}
		List<String> symbols = (symbolList != null) ? symbols(symbolList) : List.of();
		if (exchange != null) {
			exchange = exchange.toUpperCase(Locale.ROOT);
			if (!EXCHANGES.contains(exchange)) {
				throw new IllegalArgumentException(
						"Unknown exchange '" + given.get("exchange") + "'; use SH, SZ or BJ.");
			}
		}
		String source = given.getOrDefault("source", defaultSource).toLowerCase(Locale.ROOT);
		if (!SOURCES.contains(source)) {
			throw new IllegalArgumentException(
					"Unknown source '" + given.get("source") + "'; use tushare, tdx or sandbox.");
		}
		String mode = given.getOrDefault("mode", FULL).toLowerCase(Locale.ROOT);
		if (!mode.equals(INCREMENTAL) && !mode.equals(FULL)) {
			throw new IllegalArgumentException("mode is incremental or full, not '" + given.get("mode") + "'.");
		}
		String force = given.getOrDefault("force", "false").toLowerCase(Locale.ROOT);
		if (!force.equals("true") && !force.equals("false")) {
			throw new IllegalArgumentException("force is true or false, not '" + given.get("force") + "'.");
		}
		return new Minute1mParameters(first, last, symbols, exchange, source, mode,
				force.equals("true") ? LocalDateTime.now().withNano(0) : null);
	}

	/**
	 * Reads the parameters of an existing or requested launch.
	 * @param parameters the job parameters
	 * @return the parameters
	 */
	public static Minute1mParameters of(JobParameters parameters) {
		String scope = parameters.getString("scope");
		if (scope == null) {
			throw new IllegalArgumentException("scope is missing");
		}
		List<String> symbols = scope.startsWith("symbols:") ? List.of(scope.substring(8).split(",")) : List.of();
		String exchange = scope.startsWith("exchange:") ? scope.substring(9) : null;
		LocalDate start = parameters.getLocalDate("start_date");
		LocalDate end = parameters.getLocalDate("end_date");
		String source = parameters.getString("source");
		if (start == null || end == null || source == null) {
			throw new IllegalArgumentException("start_date, end_date and source are required");
		}
		// Launches from before the mode existed loaded their days in full.
		String mode = parameters.getString("mode", FULL);
		return new Minute1mParameters(start, end, symbols, exchange, source, mode,
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
			.addString("source", this.source);
		// Only an incremental launch names its mode, so that full launches keep the
		// identity they had before there were modes.
		if (incremental()) {
			builder.addString("mode", this.mode);
		}
		if (this.forcedAt != null) {
			builder.addLocalDateTime("forced_at", this.forcedAt);
		}
		return builder.toJobParameters();
	}

	/**
	 * What is loaded, for messages and the job identity: {@code all}, {@code exchange:SZ}
	 * or {@code symbols:600000.SH,000001.SZ}.
	 * @return the scope
	 */
	public String scope() {
		if (!this.symbols.isEmpty()) {
			return "symbols:" + String.join(",", this.symbols);
		}
		return (this.exchange != null) ? "exchange:" + this.exchange : "all";
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

	private static List<String> symbols(String list) {
		TreeSet<String> symbols = new TreeSet<>();
		List<String> malformed = new ArrayList<>();
		for (String symbol : list.split(",")) {
			String code = symbol.strip().toUpperCase(Locale.ROOT);
			if (code.isEmpty()) {
				continue;
			}
			if (A_SHARE_CODE.matcher(code).matches()) {
				symbols.add(code);
			}
			else {
				malformed.add(symbol.strip());
			}
		}
		if (!malformed.isEmpty()) {
			throw new IllegalArgumentException("Not A-share or ETF codes in Tushare form (like 600000.SH, 000001.SZ, "
					+ "920118.BJ): " + String.join(", ", malformed) + ".");
		}
		if (symbols.isEmpty()) {
			throw new IllegalArgumentException("symbols is empty; list codes like 600000.SH,000001.SZ.");
		}
		if (symbols.size() > MAX_SYMBOLS) {
			throw new IllegalArgumentException("Too many symbols (" + symbols.size() + ") for one launch; at most "
					+ MAX_SYMBOLS + ", or use exchange=SH|SZ|BJ.");
		}
		return List.copyOf(symbols);
	}

	/**
	 * Validates launches that do not come through {@link #parse} (the console, restarts).
	 */
	static final class Validator implements JobParametersValidator {

		@Override
		public void validate(JobParameters parameters) throws InvalidJobParametersException {
			try {
				Minute1mParameters read = of(parameters);
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
						"Invalid parameters for " + JOB_NAME + ": " + ex.getMessage() + ".");
			}
		}

	}

}
