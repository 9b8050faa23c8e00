package com.marketbase.batch.job.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.cli.Console;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;

import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What a nightly {@code reconcile} of 100 symbols costs against a 500 calls/min Tushare
 * quota ({@code ops/bench/reconcile}): the same comparison unthrottled (the job's own
 * cost, the baseline), in the reconcile lane (half the quota, the default), and with the
 * whole quota, each timed from the compare step's start to its end.
 */
public final class ReconcileBenchmark {

	private static final String DAY = "2026-11-20";

	private static final String FAST = "bench-token-fast";

	private static final String TIER = "bench-token-500";

	private static final Console CONSOLE = Console.system();

	private ReconcileBenchmark() {
	}

	public static void main(String[] args) {
		String url = args[0];
		int sample = Integer.getInteger("sample", 100);
		int perMinute = Integer.getInteger("callsPerMinute", 500);
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
			.withTokens(Map.of(FAST, SandboxSettings.Grant.everything(100_000_000), TIER,
					SandboxSettings.Grant.everything(perMinute))))) {
			require(run(url, sandbox, FAST, "job=minute_1m", "trade_date=" + DAY, "exchange=BJ", "source=tushare"));
			require(run(url, sandbox, FAST, "job=daily", "trade_date=" + DAY, "source=tushare"));
			Run baseline = reconcile(url, sandbox, jdbc, FAST, sample, "unthrottled");
			Run lane = reconcile(url, sandbox, jdbc, TIER, sample, "lane",
					"--marketbase.sources.tushare.calls-per-minute[stk_mins]=" + perMinute);
			Run whole = reconcile(url, sandbox, jdbc, TIER, sample, "whole quota",
					"--marketbase.sources.tushare.calls-per-minute[stk_mins]=" + perMinute,
					"--marketbase.sources.tushare.calls-per-minute[stk_mins@reconcile]=" + perMinute);
			for (Run run : List.of(baseline, lane, whole)) {
				CONSOLE.say(run.toString());
			}
			CONSOLE.say(String.format(
					"%d symbols at %d calls/min: %.1f s in the reconcile lane (%.1f calls/min, %.0f %% of the quota, "
							+ "%.0f %% left for the loads while it runs), %.1f s with the whole quota; "
							+ "lane / unthrottled %.1f x",
					sample, perMinute, lane.seconds(), lane.callsPerMinute(), 100 * lane.callsPerMinute() / perMinute,
					100 - 100 * lane.callsPerMinute() / perMinute, whole.seconds(),
					lane.seconds() / baseline.seconds()));
		}
	}

	private static Run reconcile(String url, Sandbox sandbox, JdbcTemplate jdbc, String token, int sample, String label,
			String... more) {
		long calls = sandbox.calls("tushare:stk_mins");
		long limited = sandbox.rateLimited("tushare:stk_mins");
		List<String> command = new ArrayList<>(List.of(more));
		command
			.addAll(List.of("job=reconcile", "trade_date=" + DAY, "source=tushare", "sample=" + sample, "force=true"));
		run(url, sandbox, token, command.toArray(new String[0]));
		Double seconds = jdbc.queryForObject("select extract(epoch from end_time - start_time) from "
				+ "batch_step_execution where step_name = 'reconcile.compare' order by step_execution_id desc limit 1",
				Double.class);
		return new Run(label, sandbox.calls("tushare:stk_mins") - calls, (seconds != null) ? seconds : Double.NaN,
				sandbox.rateLimited("tushare:stk_mins") - limited);
	}

	private static int run(String url, Sandbox sandbox, String token, String... command) {
		List<String> args = new ArrayList<>(
				List.of("--spring.datasource.url=" + url, "--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
						"--marketbase.sources.tushare.token=" + token, "--logging.level.com.marketbase=warn"));
		if (FAST.equals(token)) {
			args.add("--marketbase.sources.tushare.calls-per-minute[default]=100000000");
		}
		args.addAll(List.of(command));
		return SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args.toArray(new String[0])));
	}

	private static void require(int exitCode) {
		if (exitCode != 0) {
			throw new IllegalStateException("a load for the benchmark ended with exit " + exitCode);
		}
	}

	private record Run(String label, long calls, double seconds, long rateLimited) {

		double callsPerMinute() {
			return this.calls / this.seconds * 60;
		}

		@Override
		public String toString() {
			return String.format("%-12s %4d calls in %6.1f s (%6.1f calls/min), %d rate-limit answers", this.label,
					this.calls, this.seconds, callsPerMinute(), this.rateLimited);
		}

	}

}
