package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.support.launch.LaunchInput;
import com.marketbase.batch.support.remote.WorkersProperties;
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
 * @param intradayAt for an intraday run of today while the session is open, the Beijing
 * time it loads up to; {@code null} for a run of days that are over
 */
public record Minute1mParameters(LocalDate startDate, LocalDate endDate, List<String> symbols,
		@Nullable String exchange, String source, String mode, @Nullable LocalDateTime forcedAt,
		@Nullable LocalDateTime intradayAt) {

	/** The requested days, then older holes within a budget of source calls. */
	public static final String INCREMENTAL = "incremental";

	/** The requested days only, every unit of them. */
	public static final String FULL = "full";

	/** The job's name, as the command line and the console know it. */
	public static final String JOB_NAME = "minute_1m";

	/** The parameter that asks for today's bars so far. */
	static final String INTRADAY = "intraday";

	static final Set<String> NAMES = Set.of("trade_date", "start_date", "end_date", "symbols", "exchange", "source",
			"mode", "force", INTRADAY, LaunchInput.ALLOW_MIXED_SOURCES, WorkersProperties.PARAMETER);

	/** The sources the job reads. */
	static final Set<String> SOURCES = Set.of(SourceName.TUSHARE.key(), SourceName.TDX.key(), SourceName.SANDBOX.key());

	static final Set<String> EXCHANGES = Set.of("SH", "SZ", "BJ");

	/** At most this many symbols fit the job repository's parameter column. */
	static final int MAX_SYMBOLS = LaunchInput.MAX_SYMBOLS;

	private static final Pattern A_SHARE_CODE = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

	public Minute1mParameters {
		symbols = List.copyOf(symbols);
	}

	/**
	 * Reads the parameters a person typed, refusing anything unknown, malformed or
	 * contradictory with a message that says what is allowed.
	 * @param given the {@code name=value} pairs
	 * @param defaultDay the day to load when no date is given
	 * @param source the source's key, as the launch settled it
	 * @return the parameters
	 * @throws IllegalArgumentException with the message for the person
	 */
	public static Minute1mParameters parse(Map<String, String> given, LocalDate defaultDay, String source) {
		return parse(new LaunchInput(JOB_NAME, given, NAMES), defaultDay, source);
	}

	/**
	 * Reads the parameters a person typed, refusing anything unknown, malformed or
	 * contradictory with a message that says what is allowed.
	 * @param input the {@code name=value} pairs, read
	 * @param defaultDay the day to load when no date is given
	 * @param source the source's key, as the launch settled it
	 * @return the parameters
	 * @throws IllegalArgumentException with the message for the person
	 */
	public static Minute1mParameters parse(LaunchInput input, LocalDate defaultDay, String source) {
		LaunchInput.Days days = input.days(defaultDay);
		String exchange = input.get("exchange");
		if (input.get("symbols") != null && exchange != null) {
			throw new IllegalArgumentException("Give either symbols or exchange, not both.");
		}
		List<String> symbols = input.symbols(A_SHARE_CODE,
				"A-share or ETF codes in Tushare form (like 600000.SH, 000001.SZ, 920118.BJ)", "use exchange=SH|SZ|BJ");
		if (exchange != null) {
			exchange = exchange.toUpperCase(Locale.ROOT);
			if (!EXCHANGES.contains(exchange)) {
				throw new IllegalArgumentException(
						"Unknown exchange '" + input.get("exchange") + "'; use SH, SZ or BJ.");
			}
		}
		return new Minute1mParameters(days.first(), days.last(), symbols, exchange, source, input.mode(FULL),
				input.forcedAt(), null);
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
				parameters.getLocalDateTime("forced_at"), parameters.getLocalDateTime("intraday_at"));
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
		// Each intraday run is an instance of its own: today's bars so far at that time.
		if (this.intradayAt != null) {
			builder.addLocalDateTime("intraday_at", this.intradayAt);
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
