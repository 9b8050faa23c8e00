package com.marketbase.batch.job.instruments;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.support.launch.LaunchInput;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The parameters of an {@code instruments} launch. The day and the source identify the
 * job instance: a daily run loads the lists once per day, a failed one resumes when
 * repeated, and {@code force=true} adds the launch time to load again. The day is the
 * Beijing day of the launch, or the {@code trade_date} a scheduler names, which then also
 * identifies the instance.
 *
 * @param asOf the day the lists are loaded for
 * @param source {@code tushare}, {@code tdx} or {@code sandbox}
 * @param tradeDate the day the run is for, as given, or {@code null}
 * @param forcedAt when a forced reload was asked for, or {@code null}
 */
public record InstrumentsParameters(LocalDate asOf, String source, @Nullable LocalDate tradeDate,
		@Nullable LocalDateTime forcedAt) {

	/** The job's name, as the command line and the console know it. */
	public static final String JOB_NAME = "instruments";

	static final Set<String> NAMES = Set.of("source", "trade_date", "force", LaunchInput.ALLOW_MIXED_SOURCES);

	/** The sources the job reads. */
	static final Set<String> SOURCES = Set.of(SourceName.TUSHARE.key(), SourceName.TDX.key(), SourceName.SANDBOX.key());

	/**
	 * Reads the parameters a person typed, refusing anything unknown or malformed with
	 * one message that says what is allowed.
	 * @param given the {@code name=value} pairs
	 * @param today the Beijing day
	 * @param source the source's key, as the launch settled it
	 * @return the parameters
	 * @throws IllegalArgumentException with the message for the person
	 */
	public static InstrumentsParameters parse(Map<String, String> given, LocalDate today, String source) {
		LaunchInput.check(JOB_NAME, given, NAMES);
		LocalDate tradeDate = null;
		if (given.containsKey("trade_date")) {
			tradeDate = LaunchInput.date("trade_date", given.get("trade_date"));
		}
		return new InstrumentsParameters((tradeDate != null) ? tradeDate : today, source, tradeDate,
				new LaunchInput(JOB_NAME, given, NAMES).forcedAt());
	}

	/**
	 * Reads the parameters of an existing or requested launch.
	 * @param parameters the job parameters
	 * @return the parameters
	 */
	public static InstrumentsParameters of(JobParameters parameters) {
		LocalDate asOf = parameters.getLocalDate("as_of");
		String source = parameters.getString("source");
		if (asOf == null || source == null) {
			throw new IllegalArgumentException("as_of and source are required");
		}
		return new InstrumentsParameters(asOf, source, parameters.getLocalDate("trade_date"),
				parameters.getLocalDateTime("forced_at"));
	}

	/**
	 * The job parameters: all identifying, so that they name the job instance.
	 * @return the parameters
	 */
	public JobParameters toJobParameters() {
		JobParametersBuilder builder = new JobParametersBuilder().addLocalDate("as_of", this.asOf)
			.addString("source", this.source);
		if (this.tradeDate != null) {
			builder.addLocalDate("trade_date", this.tradeDate);
		}
		if (this.forcedAt != null) {
			builder.addLocalDateTime("forced_at", this.forcedAt);
		}
		return builder.toJobParameters();
	}

	/**
	 * Validates launches that do not come through {@link #parse} (the console, restarts).
	 */
	static final class Validator implements JobParametersValidator {

		@Override
		public void validate(JobParameters parameters) throws InvalidJobParametersException {
			try {
				InstrumentsParameters read = of(parameters);
				if (!SOURCES.contains(read.source())) {
					throw new IllegalArgumentException("unknown source " + read.source());
				}
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidJobParametersException(
						"Invalid parameters for " + JOB_NAME + ": " + ex.getMessage() + ".");
			}
		}

	}

}
