package com.marketbase.batch.job.reconcile;

import java.util.List;
import java.util.Map;

import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.support.launch.JobWork;
import com.marketbase.batch.support.launch.LaunchField;
import com.marketbase.batch.support.launch.NotReadyException;
import com.marketbase.batch.support.pipeline.SourceUnitJobs;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Reads a {@code reconcile} launch. Without a day it compares the last day a minute load
 * completed. Synthetic rows are compared with the sandbox only, and real ones with a real
 * source only: a comparison across the two would find nothing but noise.
 */
class ReconcileLaunch implements JobLaunch {

	private final SourceResolver sources;

	private final ReconcileStore store;

	ReconcileLaunch(SourceResolver sources, ReconcileStore store) {
		this.sources = sources;
		this.store = store;
	}

	@Override
	public String jobName() {
		return ReconcileParameters.JOB_NAME;
	}

	@Override
	public List<LaunchField> fields() {
		return List.of(
				new LaunchField("trade_date", "The day to compare, YYYY-MM-DD; empty means the last one loaded",
						"2026-11-20"),
				new LaunchField("sample",
						"Symbols compared with the source's own bars, 0 to " + ReconcileParameters.MAX_SAMPLE
								+ "; empty means " + ReconcileParameters.DEFAULT_SAMPLE,
						"100"),
				new LaunchField("symbols", "Symbols always compared, comma-separated", "600000.SH"),
				LaunchField.source(ReconcileParameters.SOURCES), LaunchField.force());
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		// Names, the day and the sample first; the source is settled once they are right.
		ReconcileParameters typed = ReconcileParameters.parse(given, this.store.latestDay(), "");
		String source = this.sources.resolve(given.get("source"), null, ReconcileParameters.SOURCES);
		List<String> loadedFrom = this.store.minuteSources(typed.tradeDate());
		if (loadedFrom.isEmpty()) {
			throw new NotReadyException("The warehouse has no minute bars of " + typed.tradeDate()
					+ " to reconcile; load them with minute_1m first.");
		}
		boolean synthetic = SourceName.SANDBOX.key().equals(source);
		for (String loaded : loadedFrom) {
			if (SourceName.SANDBOX.key().equals(loaded) != synthetic) {
				throw new IllegalArgumentException("The minute bars of " + typed.tradeDate() + " were loaded from "
						+ loaded + "; compare them with "
						+ (synthetic ? "a real source" : "the sandbox (source=sandbox)") + ", not " + source + ".");
			}
		}
		List<String> unknown = this.store.notTraded(typed.symbols());
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException(
					"Not a stock or ETF the warehouse lists: " + String.join(", ", unknown.stream().limit(10).toList())
							+ ((unknown.size() > 10) ? " and " + (unknown.size() - 10) + " more" : "")
							+ "; reconcile compares those only.");
		}
		return ReconcileParameters.parse(given, typed.tradeDate(), source).toJobParameters();
	}

	@Override
	public String dataset() {
		return null;
	}

	@Override
	public JobWork work() {
		return SourceUnitJobs.workOf(ReconcileJobConfiguration.COMPARE_STEP, ReconcileJobConfiguration.READER,
				ReconcileLaunch::planned);
	}

	private static List<String> planned(JobExecution execution) {
		String planned = execution.getExecutionContext().getString(ReconcileJobConfiguration.SYMBOLS, "");
		return planned.isEmpty() ? List.of() : List.of(planned.split(","));
	}

}
