package com.marketbase.batch.job.reconcile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.support.launch.LaunchInput;
import com.marketbase.batch.support.launch.NotReadyException;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The parameters of a {@code reconcile} launch. The day, the sample size, named symbols
 * and the source identify the job instance, so a failed run resumes with the next symbol
 * when repeated; {@code force=true} compares again.
 *
 * @param tradeDate the day compared
 * @param sample how many symbols of the day are compared with the source's own bars
 * @param symbols symbols compared besides the sample, sorted; empty for none
 * @param source {@code tushare}, {@code tdx} or {@code sandbox}
 * @param forcedAt when a new comparison was asked for, or {@code null}
 */
public record ReconcileParameters(LocalDate tradeDate, int sample, List<String> symbols, String source,
		@Nullable LocalDateTime forcedAt) {

	/** The job's name, as the command line and the console know it. */
	public static final String JOB_NAME = "reconcile";

	static final Set<String> NAMES = Set.of("trade_date", "sample", "symbols", "source", "force");

	/** The sources whose own aggregates can be asked for. */
	static final Set<String> SOURCES = Set.of(SourceName.TUSHARE.key(), SourceName.TDX.key(), SourceName.SANDBOX.key());

	/** Symbols compared when no sample size is given. */
	static final int DEFAULT_SAMPLE = 100;

	/**
	 * The most symbols one run compares with the source: four calls each, about 16
	 * minutes of a 500 calls/min quota's half.
	 */
	static final int MAX_SAMPLE = 1000;

	private static final Pattern A_SHARE_CODE = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

	public ReconcileParameters {
		symbols = List.copyOf(symbols);
	}

	/**
	 * Reads the parameters a person typed.
	 * @param given the {@code name=value} pairs
	 * @param latestDay the day without a {@code trade_date}: the last with minute bars
	 * @param source the source's key, as the launch settled it
	 * @return the parameters
	 * @throws IllegalArgumentException with the message for the person
	 */
	static ReconcileParameters parse(Map<String, String> given, @Nullable LocalDate latestDay, String source) {
		LaunchInput input = new LaunchInput(JOB_NAME, given, NAMES);
		LocalDate day = (given.get("trade_date") != null) ? LaunchInput.date("trade_date", given.get("trade_date"))
				: latestDay;
		if (day == null) {
			throw new NotReadyException(
					"The warehouse has no minute bars to reconcile; load a day with minute_1m first or give trade_date.");
		}
		int sample = DEFAULT_SAMPLE;
		String typed = given.get("sample");
		if (typed != null) {
			try {
				sample = Integer.parseInt(typed.strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("sample is a number of symbols, 0 to " + MAX_SAMPLE + ", not '"
						+ LaunchInput.shown(typed) + "'.");
			}
			if (sample < 0 || sample > MAX_SAMPLE) {
				throw new IllegalArgumentException("sample is 0 to " + MAX_SAMPLE + " symbols, not " + sample + ".");
			}
		}
		List<String> symbols = input.symbols(A_SHARE_CODE, "A-share codes in Tushare form (like 600000.SH)",
				"use sample=N");
		return new ReconcileParameters(day, sample, symbols, source, input.forcedAt());
	}

	/**
	 * Reads the parameters of an existing or requested launch.
	 * @param parameters the job parameters
	 * @return the parameters
	 */
	static ReconcileParameters of(JobParameters parameters) {
		LocalDate day = parameters.getLocalDate("trade_date");
		Long sample = parameters.getLong("sample");
		String source = parameters.getString("source");
		if (day == null || sample == null || source == null) {
			throw new IllegalArgumentException("trade_date, sample and source are required");
		}
		String symbols = parameters.getString("symbols");
		return new ReconcileParameters(day, sample.intValue(),
				(symbols == null || symbols.isEmpty()) ? List.of() : List.of(symbols.split(",")), source,
				parameters.getLocalDateTime("forced_at"));
	}

	JobParameters toJobParameters() {
		JobParametersBuilder builder = new JobParametersBuilder().addLocalDate("trade_date", this.tradeDate)
			.addLong("sample", (long) this.sample)
			.addString("symbols", String.join(",", this.symbols))
			.addString("source", this.source);
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
				ReconcileParameters read = of(parameters);
				if (!SOURCES.contains(read.source())) {
					throw new IllegalArgumentException("unknown source " + read.source());
				}
				if (read.sample() < 0 || read.sample() > MAX_SAMPLE) {
					throw new IllegalArgumentException("sample is 0 to " + MAX_SAMPLE);
				}
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidJobParametersException(
						"Invalid parameters for " + JOB_NAME + ": " + ex.getMessage() + ".");
			}
		}

	}

}
