package com.marketbase.batch.job.minute1m;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.warehouse.TestWarehouse;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the minute_1m tests share: the application pointed at a sandbox through the real
 * Tushare connector, in this JVM or as a separate {@code java -jar batch.jar} process,
 * and fingerprints of what it stored.
 */
final class Minute1mRuns {

	static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	private Minute1mRuns() {
	}

	static Sandbox sandbox(SandboxSettings settings) {
		return Sandbox
			.start(settings.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
	}

	static List<String> arguments(Sandbox sandbox, String token, String... more) {
		return arguments(TestWarehouse.TIMESCALEDB.jdbcUrl(), sandbox, token, more);
	}

	static List<String> arguments(String url, Sandbox sandbox, String token, String... more) {
		List<String> args = new ArrayList<>(
				List.of("--spring.datasource.url=" + url, "--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
						"--marketbase.sources.tushare.token=" + token,
						"--marketbase.sources.tushare.calls-per-minute[default]=1000000"));
		args.addAll(List.of(more));
		return args;
	}

	static ConfigurableApplicationContext application(Sandbox sandbox, String token, String... more) {
		return SpringApplication.run(BatchJobsApplication.class,
				arguments(sandbox, token, more).toArray(new String[0]));
	}

	static Process process(Sandbox sandbox, Path output, String... more) throws IOException {
		return process(TestWarehouse.TIMESCALEDB.jdbcUrl(), sandbox, output, more);
	}

	static Process process(String url, Sandbox sandbox, Path output, String... more) throws IOException {
		return process(url, sandbox, SandboxSettings.TOKEN, output, more);
	}

	static Process process(String url, Sandbox sandbox, String token, Path output, String... more) throws IOException {
		List<String> command = new ArrayList<>(
				// The quick compiler only, as the benchmarks run batch jobs: a run of
				// seconds never
				// earns back the optimizing compiler's work on two cores.
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						// Tests run in the module's folder; benchmarks say where the jar
						// is.
						"-jar", System.getProperty("marketbase.jar", Path.of("target", "batch.jar").toString())));
		command.addAll(arguments(url, sandbox, token, more));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
	}

	/**
	 * Row count and a digest of every row, per table, to compare two loads.
	 * @param dataSource the warehouse
	 * @return table to fingerprint
	 */
	static Map<String, String> fingerprints(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Map<String, String> result = new LinkedHashMap<>();
		for (String table : List.of("bars_1m", "bars_5m", "bars_15m", "bars_30m", "bars_60m")) {
			result.put(table, jdbc.queryForObject("select count(*) || ' rows, md5 ' || coalesce(md5(string_agg("
					+ "symbol || ts::text || open::text || high::text || low::text || close::text || volume::text "
					+ "|| amount::text, ',' order by symbol, ts)), '-') from market." + table, String.class));
		}
		return result;
	}

	/**
	 * The day's volume per symbol as the source's own daily bars give it, to check the
	 * minute bars against.
	 * @param sandbox the sandbox
	 * @param suffix for example {@code .BJ}
	 * @return symbol to volume, for symbols that traded
	 */
	static Map<String, Long> dailyVolumes(Sandbox sandbox, String suffix) {
		SourceSettings settings = SourceSettings.direct(sandbox.baseUrl());
		TushareClient client = new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
				new SourceGate(SourceName.TUSHARE, settings, CallQuota.unlimited(), new SourceStates()),
				Secret.of(SandboxSettings.TOKEN));
		Map<String, Long> volumes = new HashMap<>();
		for (DailyBar bar : client.dailyOfMarket(DAY).items()) {
			if (bar.symbol().endsWith(suffix) && bar.volume() > 0) {
				volumes.put(bar.symbol(), bar.volume());
			}
		}
		return volumes;
	}

	static Map<String, Long> minuteVolumes(DataSource dataSource) {
		Map<String, Long> volumes = new HashMap<>();
		new JdbcTemplate(dataSource).query("select symbol, sum(volume) from market.bars_1m group by symbol", (rs) -> {
			volumes.put(rs.getString(1), rs.getLong(2));
		});
		return volumes;
	}

}
