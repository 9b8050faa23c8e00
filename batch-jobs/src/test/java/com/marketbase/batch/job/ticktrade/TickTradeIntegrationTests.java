package com.marketbase.batch.job.ticktrade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.rollout.RolloutSwitches;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceSettings;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tdx.TdxCode;
import com.marketbase.batch.source.tdx.TdxTrade;
import com.marketbase.batch.support.launch.JobLaunch;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * tick_trade end to end against the sandbox's TDX gateway, in the TimescaleDB (Apache)
 * warehouse: every trade in order of arrival, the switch in front of it, the default
 * window, and a resume after kill -9 that stores the same rows once.
 */
class TickTradeIntegrationTests {

	private static final LocalDate FIRST = LocalDate.of(2026, 11, 16);

	private static final LocalDate LAST = LocalDate.of(2026, 11, 20);

	private final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());

	@Test
	void storesEveryTradeOfEachDayInOrderOfArrivalOnceTheSwitchIsOn() throws Exception {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		try (Sandbox sandbox = sandbox(Duration.ZERO); ConfigurableApplicationContext app = application(sandbox)) {
			List<String> symbols = loadInstruments(app, sandbox, 4);
			Map<String, String> week = Map.of("start_date", FIRST.toString(), "end_date", LAST.toString(), "symbols",
					String.join(",", symbols), "source", "tdx");
			JobLaunch launch = launch(app);
			assertThatIllegalArgumentException().isThrownBy(() -> launch.parameters(week))
				.withMessageContaining("p2TickTradesV1");
			app.getBean(RolloutSwitches.class).set("p2TickTradesV1", true, "test", "ticks for four stocks");

			JobExecution execution = ReferenceRuns.launch(app, "tick_trade", week);

			assertThat(execution.getExitStatus().getExitCode()).as(execution.getExitStatus().getExitDescription())
				.isEqualTo("COMPLETED");
			TdxClient client = client(sandbox);
			int units = 0;
			long trades = 0;
			for (String symbol : symbols) {
				for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
					List<TdxTrade> source = client.trades(TdxCode.stock(symbol), day).items();
					List<String> stored = this.jdbc.queryForList(
							"select extract(epoch from ts)::bigint || ' ' "
									+ "|| trim_scale(price) || ' ' || volume || ' ' || side from market.tick_trades "
									+ "where symbol = ? and ts >= ?::date::timestamp at time zone 'Asia/Shanghai' "
									+ "and ts < (?::date + 1)::timestamp at time zone 'Asia/Shanghai' order by seq",
							String.class, symbol, day.toString(), day.toString());
					assertThat(stored).as(symbol + " " + day)
						.containsExactlyElementsOf(source.stream()
							.map((trade) -> trade.time().getEpochSecond() + " "
									+ trade.price().stripTrailingZeros().toPlainString() + " " + trade.volume() + " "
									+ trade.side())
							.toList());
					units += source.isEmpty() ? 0 : 1;
					trades += source.size();
				}
			}
			assertThat(trades).isGreaterThan(4 * 5 * 240);
			assertThat(count("select count(*) from market.tick_trades")).isEqualTo(trades);
			assertThat(count(
					"select count(*) from market.load_units where dataset = 'tick_trade' " + "and status = 'complete'"))
				.isEqualTo(units);
			assertThat(execution.getExitStatus().getExitDescription())
				.startsWith("source: tdx; units: " + units + " complete")
				.contains("trades: " + trades);
			// One call per symbol and day; a second run has nothing to fetch.
			long calls = sandbox.calls("tdx:/api/trade");
			Map<String, String> again = new java.util.HashMap<>(week);
			again.put("force", "true");
			JobExecution second = ReferenceRuns.launch(app, "tick_trade", again);
			assertThat(second.getExitStatus().getExitDescription()).startsWith("Nothing was missing");
			assertThat(sandbox.calls("tdx:/api/trade")).isEqualTo(calls);

			// Without dates, the most recent 60 open days; the whole market for them
			// needs
			// force=true.
			var parameters = launch.parameters(Map.of("symbols", symbols.get(0), "source", "tdx"));
			LocalDate start = parameters.getLocalDate("start_date");
			LocalDate end = parameters.getLocalDate("end_date");
			assertThat(client.tradingDays(start, end)).hasSize(60);
			assertThatIllegalArgumentException().isThrownBy(() -> launch.parameters(Map.of("source", "tdx")))
				.withMessageStartingWith("tick_trade would make up to ")
				.withMessageContaining("add force=true");
		}
	}

	@Test
	void resumesAfterAKillFromTheFirstDayNotWrittenWithTheSameRowsOnce(@TempDir Path logs) throws Exception {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		try (Sandbox sandbox = sandbox(Duration.ofMillis(40))) {
			List<String> symbols;
			Map<String, String> fingerprint;
			try (ConfigurableApplicationContext app = application(sandbox)) {
				symbols = loadInstruments(app, sandbox, 40);
				app.getBean(RolloutSwitches.class).set("p2TickTradesV1", true, "test", "ticks for forty stocks");
				JobExecution whole = ReferenceRuns.launch(app, "tick_trade", Map.of("start_date", FIRST.toString(),
						"end_date", LAST.toString(), "symbols", String.join(",", symbols), "source", "tdx"));
				assertThat(whole.getStatus()).isEqualTo(BatchStatus.COMPLETED);
				fingerprint = fingerprint();
			}
			this.jdbc.update("truncate market.tick_trades");
			this.jdbc.update("delete from market.load_units where dataset = 'tick_trade'");
			long callsBefore = sandbox.calls("tdx:/api/trade");

			Process first = process(sandbox, logs.resolve("first.log"), "job=tick_trade", "start_date=" + FIRST,
					"end_date=" + LAST, "symbols=" + String.join(",", symbols), "source=tdx", "force=true");
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(50))
				.ignoreExceptions()
				.until(() -> count("select count(*) from market.load_units where dataset = 'tick_trade'") >= 40);
			first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			long committed = count("select count(*) from market.load_units where dataset = 'tick_trade'");
			long fetchedBeforeKill = sandbox.calls("tdx:/api/trade") - callsBefore;
			assertThat(committed).as(Files.readString(logs.resolve("first.log"))).isBetween(40L, 199L);
			Long execution = this.jdbc
				.queryForObject(
						"select max(e.job_execution_id) from batch_job_execution e join batch_job_instance i "
								+ "on i.job_instance_id = e.job_instance_id where i.job_name = 'tick_trade'",
						Long.class);

			Process restart = process(sandbox, logs.resolve("restart.log"), "restart=" + execution);
			assertThat(restart.waitFor(180, TimeUnit.SECONDS)).isTrue();
			String output = Files.readString(logs.resolve("restart.log"));

			assertThat(restart.exitValue()).as(output).isZero();
			assertThat(output).contains(": COMPLETED (COMPLETED)");
			long fetchedOnRestart = sandbox.calls("tdx:/api/trade") - callsBefore - fetchedBeforeKill;
			assertThat(fetchedOnRestart).as("days fetched again").isEqualTo(200 - committed);
			assertThat(fingerprint()).isEqualTo(fingerprint);
		}
	}

	private Map<String, String> fingerprint() {
		return Map.of("tick_trades",
				this.jdbc.queryForObject("select count(*) || ' rows, md5 ' || md5(string_agg("
						+ "symbol || ts::text || seq || price::text || volume || side, ',' order by symbol, ts, seq)) "
						+ "from market.tick_trades", String.class),
				"units",
				this.jdbc.queryForObject(
						"select count(*) || ' ' || string_agg(symbol || trade_date || status, ',' "
								+ "order by symbol, trade_date) from market.load_units where dataset = 'tick_trade'",
						String.class));
	}

	private long count(String sql) {
		Long count = this.jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

	private List<String> loadInstruments(ConfigurableApplicationContext app, Sandbox sandbox, int stocks)
			throws Exception {
		assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		// Stocks listed long before the week that traded every day of it.
		return this.jdbc.queryForList("""
				select i.symbol from market.instruments i
				where i.asset_class = 'stock' and i.list_status = 'L' and i.list_date < '2026-01-01'
				order by md5(i.symbol) limit ?""", String.class, stocks * 2)
			.stream()
			.filter((symbol) -> client(sandbox).dailyBars(TdxCode.stock(symbol), FIRST, LAST).items().size() == 5)
			.limit(stocks)
			.toList();
	}

	private static JobLaunch launch(ConfigurableApplicationContext app) {
		return app.getBeansOfType(JobLaunch.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.jobName().equals("tick_trade"))
			.findFirst()
			.orElseThrow();
	}

	private static Sandbox sandbox(Duration latency) {
		return Sandbox.start(SandboxSettings.defaults()
			.withUniverse(200, 10, 0)
			.withLatency(latency)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
	}

	private static List<String> arguments(Sandbox sandbox, String... more) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
				"--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.tushare.calls-per-minute[default]=1000000",
				"--marketbase.sources.tdx.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tdx.calls-per-minute[default]=1000000",
				"--marketbase.jobs.tick-trade.chunk-units=1", "--marketbase.jobs.tick-trade.max-source-calls=1000"));
		args.addAll(List.of(more));
		return args;
	}

	private static ConfigurableApplicationContext application(Sandbox sandbox) {
		return SpringApplication.run(BatchJobsApplication.class, arguments(sandbox).toArray(new String[0]));
	}

	private static Process process(Sandbox sandbox, Path output, String... more) throws java.io.IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-jar", Path.of("target", "batch.jar").toString()));
		command.addAll(arguments(sandbox, more));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
	}

	private static TdxClient client(Sandbox sandbox) {
		SourceSettings settings = SourceSettings.direct(sandbox.baseUrl());
		return new TdxClient(new SourceHttp(SourceName.TDX, settings),
				new SourceGate(SourceName.TDX, settings, CallQuota.unlimited(), new SourceStates()));
	}

}
