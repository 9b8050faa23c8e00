package com.marketbase.batch.job.minute1m;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.reference.Instrument;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.marketbase.batch.job.minute1m.Minute1mRuns.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code batch.jar} processes loading at the same time through one warehouse stay
 * under one Tushare quota together: the quota lives in the database, not in either
 * process.
 */
class SharedQuotaIntegrationTests {

	// The sandbox counts 30 calls per 15 s, 120 a minute, as the warehouse is told.
	private static final int CALLS_PER_MINUTE = 120;

	@Test
	void twoProcessesShareOneQuota(@TempDir Path logs) throws Exception {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(CALLS_PER_MINUTE / 4)))
			.withQuotaWindow(Duration.ofSeconds(15)))) {
			List<String> symbols = shanghaiShares(sandbox).subList(0, 30);
			String quota = "--marketbase.sources.tushare.calls-per-minute[stk_mins]=" + CALLS_PER_MINUTE;
			long started = System.nanoTime();

			Process first = Minute1mRuns.process(sandbox, logs.resolve("first.log"), quota, "job=minute_1m",
					"trade_date=" + DAY, "source=tushare", "symbols=" + String.join(",", symbols.subList(0, 15)));
			Process second = Minute1mRuns.process(sandbox, logs.resolve("second.log"), quota, "job=minute_1m",
					"trade_date=" + DAY, "source=tushare", "symbols=" + String.join(",", symbols.subList(15, 30)));
			assertThat(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS)).isTrue();
			double seconds = (System.nanoTime() - started) / 1e9;

			assertThat(first.exitValue()).as(Files.readString(logs.resolve("first.log"))).isZero();
			assertThat(second.exitValue()).as(Files.readString(logs.resolve("second.log"))).isZero();
			assertThat(sandbox.calls("tushare:stk_mins")).isEqualTo(30);
			assertThat(sandbox.rateLimited("tushare:stk_mins")).as("rate-limit answers").isZero();
			// 30 calls at 2 a second together take at least 14 s; two unshared quotas
			// would
			// have needed half that, and the sandbox would have refused some.
			assertThat(seconds).isGreaterThan(29 / (CALLS_PER_MINUTE / 60.0) * 0.95);
		}
	}

	private static List<String> shanghaiShares(Sandbox sandbox) {
		SourceSettings settings = SourceSettings.direct(sandbox.baseUrl());
		TushareClient client = new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
				new SourceGate(SourceName.TUSHARE, settings, CallQuota.unlimited(), new SourceStates()),
				Secret.of(SandboxSettings.TOKEN));
		return client.stocks("L")
			.items()
			.stream()
			.map(Instrument::symbol)
			.filter((symbol) -> symbol.startsWith("600"))
			.sorted()
			.toList();
	}

}
