package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.job.LaunchInput;
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

	static final Set<String> SOURCES = LaunchInput.SOURCES;

	/** At most this many symbols fit the job repository's parameter column. */
	static final int MAX_SYMBOLS = LaunchInput.MAX_SYMBOLS;

	private static final Pattern A_SHARE_CODE = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

	private static final Pattern INDEX_CODE = Pattern.compile("[0-9A-Z]{6}\\.(SH|SZ|BJ|CSI|SI)");

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
		LaunchInput input = new LaunchInput(dataset.dataset(), given, NAMES);
		LaunchInput.Days days = input.days(defaultDay);
		Pattern code = (dataset == DailyDataset.INDEX_DAILY) ? INDEX_CODE : A_SHARE_CODE;
		List<String> symbols = input.symbols(code, dataset.codeExample(), "leave symbols out for all");
		return new DailyParameters(dataset, days.first(), days.last(), symbols, input.source(defaultSource),
				input.mode(INCREMENTAL), input.flag("force") ? LocalDateTime.now().withNano(0) : null);
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
