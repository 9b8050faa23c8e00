package com.marketbase.batch.source.quota;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceState;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.warehouse.TestWarehouse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two "processes" (independent quota instances, each with its own connection pool and
 * workers) loading through one warehouse database stay under one source quota together.
 */
class DatabaseCallQuotaIntegrationTests {

	private static final int CALLS_PER_MINUTE = 120;

	private static Sandbox sandbox;

	@BeforeAll
	static void start() {
		TestWarehouse.EMBEDDED.freshlyMigrated();
		// The sandbox counts Tushare's quota over 15 s here (30 calls = 120 per minute),
		// so a
		// shared quota that leaked would show within the test.
		sandbox = Sandbox.start(SandboxSettings.defaults()
			.withUniverse(100, 6, 10)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(30)))
			.withQuotaWindow(Duration.ofSeconds(15)));
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void twoProcessesSharingTheWarehouseStayUnderOneQuota() throws Exception {
		List<HikariDataSource> pools = List.of(pool("first"), pool("second"));
		List<SourceStates> states = List.of(new SourceStates(), new SourceStates());
		AtomicBoolean stop = new AtomicBoolean();
		AtomicBoolean sawWaiting = new AtomicBoolean();
		ExecutorService workers = Executors.newFixedThreadPool(5);
		try {
			long started = System.nanoTime();
			List<Future<Integer>> done = new ArrayList<>();
			for (int process = 0; process < 2; process++) {
				TushareClient client = client(pools.get(process), states.get(process));
				for (int worker = 0; worker < 2; worker++) {
					done.add(workers.submit(() -> {
						int calls = 0;
						while (!stop.get()) {
							client.daily("600000.SH", LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 19));
							calls++;
						}
						return calls;
					}));
				}
			}
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
			while (System.nanoTime() < end) {
				if (states.get(0).of(SourceName.TUSHARE) == SourceState.WAITING_FOR_QUOTA) {
					sawWaiting.set(true);
				}
				Thread.sleep(20);
			}
			stop.set(true);
			int total = 0;
			for (Future<Integer> calls : done) {
				total += calls.get(10, TimeUnit.SECONDS);
			}

			double seconds = (System.nanoTime() - started) / 1e9;

			// 120 per minute is 2 per second (used at 98 %), plus the bucket's one token;
			// unshared buckets would make twice as many calls.
			assertThat(total).isLessThanOrEqualTo((int) (1 + 2 * seconds))
				.isGreaterThanOrEqualTo((int) (0.9 * 1.96 * seconds));
			assertThat(sandbox.calls("tushare:daily")).isEqualTo(total);
			assertThat(sandbox.rateLimited("tushare:daily")).isZero();
			assertThat(sawWaiting).isTrue();
		}
		finally {
			stop.set(true);
			workers.shutdownNow();
			pools.forEach(HikariDataSource::close);
		}
	}

	private static TushareClient client(HikariDataSource pool, SourceStates states) {
		SourceSettings settings = new SourceSettings(sandbox.baseUrl(), Duration.ofSeconds(1), Duration.ofSeconds(5),
				null, Map.of("daily", CALLS_PER_MINUTE),
				new SourceSettings.Retry(2, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2)));
		DatabaseCallQuota quota = new DatabaseCallQuota(pool, (source, endpoint) -> settings.callsPerMinute(endpoint));
		return new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
				new SourceGate(SourceName.TUSHARE, settings, quota, states), Secret.of(SandboxSettings.TOKEN));
	}

	private static HikariDataSource pool(String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(TestWarehouse.EMBEDDED.jdbcUrl());
		pool.setPoolName(name);
		pool.setMaximumPoolSize(2);
		return pool;
	}

}
