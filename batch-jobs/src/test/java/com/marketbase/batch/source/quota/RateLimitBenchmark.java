package com.marketbase.batch.source.quota;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import ch.qos.logback.classic.Level;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

import com.marketbase.batch.cli.Console;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.tushare.TushareClient;

/**
 * Measures the shared quota: N workers call Tushare's {@code daily} on a sandbox that
 * allows R calls per minute, through one {@link DatabaseCallQuota} configured with R, for
 * a given time; it prints the calls made, the rate-limit answers received (target 0) and
 * the budget use, achieved rate / R (target at least 0.95). Run by
 * {@code ops/bench/rate-limit}.
 */
public final class RateLimitBenchmark {

	private RateLimitBenchmark() {
	}

	/**
	 * Runs the benchmark.
	 * @param args workers, calls per minute, seconds; the warehouse is
	 * {@code SPRING_DATASOURCE_URL} when set, otherwise an embedded PostgreSQL
	 * @throws Exception when the benchmark cannot run
	 */
	public static void main(String[] args) throws Exception {
		int workers = (args.length > 0) ? Integer.parseInt(args[0]) : 8;
		int perMinute = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		int seconds = (args.length > 2) ? Integer.parseInt(args[2]) : 75;
		Console console = Console.system();
		// Only the figures matter here; the libraries' start-up chatter would bury them.
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(Level.WARN);
		String url = System.getenv("SPRING_DATASOURCE_URL");
		EmbeddedPostgres embedded = (url == null || url.isBlank()) ? EmbeddedPostgres.builder().start() : null;
		try (HikariDataSource pool = pool((embedded != null) ? embedded.getJdbcUrl("postgres", "postgres") : url,
				workers);
				Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
					.withUniverse(200, 6, 10)
					.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(perMinute))))) {
			Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
			pool.getConnection().createStatement().execute("delete from market.rate_limit_buckets");
			console.say("Benchmark: " + workers + " workers, quota " + perMinute + " calls/min, " + seconds
					+ " s, warehouse " + ((embedded != null) ? "embedded PostgreSQL" : "SPRING_DATASOURCE_URL"));
			run(console, sandbox, pool, workers, perMinute, seconds);
		}
		finally {
			if (embedded != null) {
				embedded.close();
			}
		}
		System.exit(0);
	}

	private static void run(Console console, Sandbox sandbox, HikariDataSource pool, int workers, int perMinute,
			int seconds) throws Exception {
		SourceSettings settings = new SourceSettings(sandbox.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10),
				null, Map.of("daily", perMinute),
				new SourceSettings.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)));
		DatabaseCallQuota quota = new DatabaseCallQuota(pool, (source, endpoint) -> settings.callsPerMinute(endpoint));
		TushareClient client = new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
				new SourceGate(SourceName.TUSHARE, settings, quota, new SourceStates()),
				Secret.of(SandboxSettings.TOKEN));
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(workers);
		long started = System.nanoTime();
		List<Future<Integer>> done = new ArrayList<>();
		for (int i = 0; i < workers; i++) {
			done.add(threads.submit(() -> {
				int calls = 0;
				LocalDate day = LocalDate.of(2026, 11, 19);
				while (!stop.get()) {
					client.daily("600000.SH", day, day);
					calls++;
				}
				return calls;
			}));
		}
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		stop.set(true);
		int calls = 0;
		for (Future<Integer> worker : done) {
			calls += worker.get(1, TimeUnit.MINUTES);
		}
		double elapsed = (System.nanoTime() - started) / 1e9;
		threads.shutdown();
		double rate = calls / elapsed * 60;
		console.say(String.format("calls made:                %d (sandbox counted %d) in %.1f s", calls,
				sandbox.calls("tushare:daily"), elapsed));
		console.say("rate-limit errors received: " + sandbox.rateLimited("tushare:daily"));
		console.say(String.format("achieved rate:             %.1f calls/min (quota %d)", rate, perMinute));
		console.say(String.format("budget use:                %.3f", rate / perMinute));
	}

	private static HikariDataSource pool(String url, int workers) throws IOException {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setPoolName("rate-limit-benchmark");
		pool.setMaximumPoolSize(Math.max(2, workers));
		return pool;
	}

}
