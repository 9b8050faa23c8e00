package com.marketbase.batch.job.minute1m;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What remote workers buy, each figure beside its baseline in the same run, for a day of
 * the Beijing exchange (503 symbols, one {@code stk_mins} call each):
 * <ul>
 * <li>throttled: three worker processes, each with a sandbox token of its own allowed R
 * calls a minute (200 unless {@code -DcallsPerMinute}), against one process with one such
 * token: calls a minute and bars a second of the load step, as a ratio, and the
 * rate-limit answers the sandbox gave (target 0);</li>
 * <li>unthrottled: a remote run with one worker against a local run of the same launch,
 * the same partitions and threads: the manager's overhead, as a ratio of load-step
 * times.</li>
 * </ul>
 * Arguments: the warehouse URL, the broker URL. Each run loads another sandbox day, so
 * every one writes into days nobody loaded before.
 */
public final class RemoteWorkersBenchmark {

	private static final List<String> TOKENS = List.of("bench-token-a", "bench-token-b", "bench-token-c");

	private static final String FAST = "bench-token-fast";

	private static final com.marketbase.batch.cli.Console CONSOLE = com.marketbase.batch.cli.Console.system();

	private RemoteWorkersBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		String broker = args[1];
		int perMinute = Integer.getInteger("callsPerMinute", 200);
		Map<String, SandboxSettings.Grant> grants = new HashMap<>();
		TOKENS.forEach((token) -> grants.put(token, SandboxSettings.Grant.everything(perMinute)));
		grants.put(FAST, SandboxSettings.Grant.everything(100_000_000));
		String queue = "bench-" + UUID.randomUUID();
		Path logs = Files.createTempDirectory("remote-workers-bench");
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults().withTokens(grants))) {
			String[] throttled = { "--marketbase.sources.tushare.calls-per-minute[stk_mins]=" + perMinute };
			Run local;
			Run remote;
			try (ConfigurableApplicationContext app = app(url, sandbox, TOKENS.get(0), broker, queue, throttled)) {
				local = run(app, sandbox, LocalDate.of(2026, 11, 17), false);
				List<Process> workers = new ArrayList<>();
				for (int i = 0; i < TOKENS.size(); i++) {
					workers.add(worker(url, sandbox, TOKENS.get(i), broker, queue, logs.resolve("worker" + i + ".log"),
							2, throttled));
				}
				awaitWorkers(app, workers.size());
				remote = run(app, sandbox, LocalDate.of(2026, 11, 18), true);
				stop(workers);
			}
			CONSOLE
				.say(String.format("throttled, %d calls/min per token: one process, one token: %s", perMinute, local));
			CONSOLE.say(String.format("throttled, %d calls/min per token: three workers, three tokens: %s", perMinute,
					remote));
			CONSOLE.say(String.format(
					"three workers / one process: calls/min %.2f, bars/s %.2f (target >= 2.7); "
							+ "rate-limit answers %d and %d (target 0)",
					remote.callsPerMinute() / local.callsPerMinute(), remote.barsPerSecond() / local.barsPerSecond(),
					local.rateLimited(), remote.rateLimited()));

			String[] fast = { "--marketbase.workers.partitions=4", "--marketbase.jobs.minute-1m.partitions=4" };
			try (ConfigurableApplicationContext app = app(url, sandbox, FAST, broker, queue, fast)) {
				Run here = run(app, sandbox, LocalDate.of(2026, 11, 19), false);
				List<Process> one = List
					.of(worker(url, sandbox, FAST, broker, queue, logs.resolve("fast.log"), 4, fast));
				awaitWorkers(app, 1);
				Run there = run(app, sandbox, LocalDate.of(2026, 11, 20), true);
				stop(one);
				CONSOLE.say(String.format("unthrottled, 4 partitions: local %s", here));
				CONSOLE.say(String.format("unthrottled, 4 partitions: remote, one worker of 4 threads %s", there));
				CONSOLE.say(String.format("remote / local load-step time: %.2f (the manager's overhead)",
						there.seconds() / here.seconds()));
			}
		}
	}

	private static ConfigurableApplicationContext app(String url, Sandbox sandbox, String token, String broker,
			String queue, String... more) {
		List<String> args = new ArrayList<>(Minute1mRuns.arguments(url, sandbox, token, settings(broker, queue)));
		args.addAll(List.of(more));
		args.addAll(List.of("--marketbase.cli.enabled=false", "--logging.level.com.marketbase=warn"));
		return SpringApplication.run(BatchJobsApplication.class, args.toArray(new String[0]));
	}

	private static Process worker(String url, Sandbox sandbox, String token, String broker, String queue, Path log,
			int concurrency, String... more) throws Exception {
		List<String> args = new ArrayList<>(List.of(settings(broker, queue)));
		args.addAll(List.of(more));
		args.addAll(
				List.of("--logging.level.com.marketbase=warn", "worker", "--concurrency", String.valueOf(concurrency)));
		return Minute1mRuns.process(url, sandbox, token, log, args.toArray(new String[0]));
	}

	private static String[] settings(String broker, String queue) {
		return new String[] { "--marketbase.workers.broker-url=" + broker, "--marketbase.workers.queue=" + queue,
				"--marketbase.workers.poll-interval=500ms", "--marketbase.jobs.minute-1m.max-source-calls=0" };
	}

	private static void awaitWorkers(ConfigurableApplicationContext app, int count) throws InterruptedException {
		JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
		for (int waited = 0; waited < 1200; waited++) {
			Integer alive = jdbc.queryForObject("select count(*) from market.workers where stopped_at is null "
					+ "and heartbeat_at > now() - interval '10 seconds'", Integer.class);
			if (alive != null && alive >= count) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("the workers did not start within 2 minutes");
	}

	private static void stop(List<Process> workers) throws InterruptedException {
		for (Process worker : workers) {
			worker.destroy();
			worker.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private static Run run(ConfigurableApplicationContext app, Sandbox sandbox, LocalDate day, boolean remote)
			throws Exception {
		Map<String, String> parameters = new HashMap<>(
				Map.of("trade_date", day.toString(), "exchange", "BJ", "source", "tushare"));
		if (remote) {
			parameters.put("workers", "remote");
		}
		long calls = sandbox.calls("tushare:stk_mins");
		long limited = sandbox.calls("tushare:stk_mins:rate-limited");
		JobExecution execution = app.getBean(JobOperator.class)
			.start(app.getBean("minute1mJob", Job.class), app.getBean(Minute1mLaunch.class).parameters(parameters));
		JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
		Double seconds = jdbc.queryForObject(
				"select extract(epoch from end_time - start_time) from "
						+ "batch_step_execution where job_execution_id = ? and step_name = 'minute_1m.load'",
				Double.class, execution.getId());
		Long bars = jdbc.queryForObject(
				"select count(*) from market.bars_1m where ts >= ?::date " + "and ts < ?::date + 1", Long.class,
				day.toString(), day.toString());
		return new Run(execution.getExitStatus().getExitCode(), sandbox.calls("tushare:stk_mins") - calls,
				(bars != null) ? bars : 0, (seconds != null) ? seconds : Double.NaN,
				sandbox.calls("tushare:stk_mins:rate-limited") - limited);
	}

	private record Run(String exit, long calls, long bars, double seconds, long rateLimited) {

		double callsPerMinute() {
			return this.calls / this.seconds * 60;
		}

		double barsPerSecond() {
			return this.bars / this.seconds;
		}

		@Override
		public String toString() {
			return String.format(
					"%s, %,d calls, %,d bars in %.1f s of load: %.0f calls/min, %,.0f bars/s, "
							+ "%d rate-limit answers",
					this.exit, this.calls, this.bars, this.seconds, callsPerMinute(), barsPerSecond(),
					this.rateLimited);
		}

	}

}
