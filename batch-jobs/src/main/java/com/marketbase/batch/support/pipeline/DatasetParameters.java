package com.marketbase.batch.support.pipeline;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketbase.batch.support.launch.LaunchInput;
import com.marketbase.batch.support.remote.WorkersProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The parameters of a dataset's launch. The dates, the scope (symbols or all of the
 * dataset's instruments), the source and the mode identify the job instance: the
 * scheduler launches one instance per trading day with {@code trade_date}, repeating a
 * failed one resumes it, and {@code force=true} adds the launch time to run again.
 *
 * @param dataset the dataset's name
 * @param startDate first requested day (inclusive)
 * @param endDate last requested day (inclusive)
 * @param symbols the instruments to load, empty for all of the dataset's
 * @param source the source's key
 * @param mode {@code incremental} (only what is missing, then older holes) or
 * {@code full} (every unit of the requested days again)
 * @param forcedAt when a new run of the same parameters was asked for, or {@code null}
 */
public record DatasetParameters(String dataset, LocalDate startDate, LocalDate endDate, List<String> symbols,
		String source, String mode, @Nullable LocalDateTime forcedAt) {

	/** Loads what is missing: the requested days, then older holes within a budget. */
	public static final String INCREMENTAL = "incremental";

	/** Loads every unit of the requested days again. */
	public static final String FULL = "full";

	/** The names a launch may give. */
	public static final Set<String> NAMES = Set.of("trade_date", "start_date", "end_date", "symbols", "source", "mode",
			"force", LaunchInput.ALLOW_MIXED_SOURCES, WorkersProperties.PARAMETER);

	public DatasetParameters {
		symbols = List.copyOf(symbols);
	}

	/**
	 * Reads the parameters a person typed, refusing anything unknown, malformed or
	 * contradictory with a message that says what is allowed.
	 * @param dataset the dataset
	 * @param input the {@code name=value} pairs, read
	 * @param defaultDay the day to load when no date is given
	 * @param source the source's key, as the launch settled it
	 * @return the parameters
	 * @throws IllegalArgumentException with the message for the person
	 */
	public static DatasetParameters parse(Dataset<?> dataset, LaunchInput input, LocalDate defaultDay, String source) {
		LaunchInput.Days days = input.days(defaultDay);
		List<String> symbols = input.symbols(dataset.codes(), dataset.codeExample(), "leave symbols out for all");
		return new DatasetParameters(dataset.name(), days.first(), days.last(), symbols, source,
				input.mode(INCREMENTAL), input.forcedAt());
	}

	/**
	 * Reads the parameters of an existing or requested launch.
	 * @param dataset the dataset's name
	 * @param parameters the job parameters
	 * @return the parameters
	 */
	public static DatasetParameters of(String dataset, JobParameters parameters) {
		String scope = parameters.getString("scope");
		LocalDate start = parameters.getLocalDate("start_date");
		LocalDate end = parameters.getLocalDate("end_date");
		String source = parameters.getString("source");
		String mode = parameters.getString("mode");
		if (scope == null || start == null || end == null || source == null || mode == null) {
			throw new IllegalArgumentException("start_date, end_date, scope, source and mode are required");
		}
		List<String> symbols = scope.startsWith("symbols:") ? List.of(scope.substring(8).split(",")) : List.of();
		return new DatasetParameters(dataset, start, end, symbols, source, mode,
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
	 * Validates launches that do not come through a launch's reading (restarts, launches
	 * made by other tools).
	 */
	static final class Validator implements JobParametersValidator {

		private final Dataset<?> dataset;

		Validator(Dataset<?> dataset) {
			this.dataset = dataset;
		}

		@Override
		public void validate(JobParameters parameters) throws InvalidJobParametersException {
			try {
				DatasetParameters read = of(this.dataset.name(), parameters);
				if (read.startDate().isAfter(read.endDate())) {
					throw new IllegalArgumentException("start_date is after end_date");
				}
				if (!this.dataset.sources().contains(read.source())) {
					throw new IllegalArgumentException("unknown source " + read.source());
				}
				if (!read.mode().equals(INCREMENTAL) && !read.mode().equals(FULL)) {
					throw new IllegalArgumentException("unknown mode " + read.mode());
				}
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidJobParametersException(
						"Invalid parameters for " + this.dataset.name() + ": " + ex.getMessage() + ".");
			}
		}

	}

}
