package com.marketbase.batch.serve;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.sandbox.SandboxFault;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser: {@code web-console/src/test/e2e/e2e.mjs} drives headless
 * Chromium through Playwright against this server, with a minute_1m execution that failed
 * on the sandbox; it restarts it, follows the progress bar to COMPLETED, opens the bars,
 * then the coverage matrix and the symbols behind a missing day, and last launches
 * {@code daily} from the launch form over five days and watches it complete, and sets the
 * self-test's schedule and runs one from its page. Screenshots land in
 * {@code target/e2e-screenshots}. {@code ops/test.sh} installs Chromium and the npm
 * packages.
 */
class ConsoleBrowserIntegrationTests {

	private static final Path E2E = Path.of("..", "web-console", "src", "test", "e2e");

	@Test
	void operatorRestartsAFailedLoadAndSeesItsCandles() throws Exception {
		assertThat(E2E.resolve("node_modules/playwright-core"))
			.as("npm packages of the browser test; run 'npm ci' in " + E2E + " (ops/test.sh does)")
			.exists();
		assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
			.as("Chromium from Debian's packages; ops/test.sh installs it")
			.exists();
		// One partition and one unit per chunk, so that the progress bar moves unit by
		// unit; the self-test's run asks Eastmoney, which needs no setting, at a closed
		// port.
		try (ConsoleServer server = ConsoleServer.start("--marketbase.jobs.minute-1m.partitions=1",
				"--marketbase.jobs.minute-1m.chunk-units=1",
				"--marketbase.sources.eastmoney.base-url=http://127.0.0.1:1")) {
			Sandbox sandbox = server.bean(SourceResolver.class).embeddedSandbox();
			JobRepository repository = server.bean(JobRepository.class);
			// Four units (symbols), each failing on its first try and four retries.
			sandbox.inject("tushare:stk_mins", SandboxFault.HTTP_500, 20);
			ConsoleServer.Response launched = server.post("/api/jobs/minute_1m/executions", ConsoleServer.OPERATOR,
					"{\"parameters\":{\"start_date\":\"2026-11-17\",\"end_date\":\"2026-11-19\","
							+ "\"symbols\":\"600000.SH,600004.SH,000001.SZ,000002.SZ\",\"source\":\"sandbox\"}}");
			assertThat(launched.status()).as(launched.body()).isEqualTo(202);
			long failed = launched.json().get("execution").asLong();
			// The repository records FAILED before the job's listeners write the summary:
			// wait for the summary too.
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.until(() -> !repository.getJobExecution(failed).isRunning() && repository.getJobExecution(failed)
					.getExitStatus()
					.getExitDescription()
					.contains("aggregates refreshed: "));
			assertThat(repository.getJobExecution(failed).getStatus()).isEqualTo(BatchStatus.FAILED);
			// No bar was committed, so no aggregate was made.
			assertThat(repository.getJobExecution(failed).getExitStatus().getExitDescription()).contains("bars: 0;")
				.contains("aggregates refreshed: none");
			assertThat(sandbox.calls("tushare:stk_mins")).isEqualTo(20);
			// The restart's calls stall for a while each, slow enough to watch.
			sandbox.inject("tushare:stk_mins", SandboxFault.TIMEOUT, 4);

			// The load covers four of the listed stocks, so its days stay missing in the
			// coverage matrix; the drill-down names first the first symbol it did not
			// load.
			JdbcTemplate jdbc = new JdbcTemplate(server.bean(DataSource.class));
			jdbc.update("insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, "
					+ "lot_size) values ('600999.SH', 'SSE', 'stock', 'Never loaded', '2001-01-01', 0.01, 100) "
					+ "on conflict (symbol) do nothing");
			// One open-end fund for the funds page, as job=instruments lists it.
			jdbc.update("insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, "
					+ "lot_size) values ('000001.OF', 'OTC', 'fund', '沙盒成长混合0', '2020-01-02', 0.0001, 1)");
			jdbc.update("insert into market.funds (symbol, fund_type, money_market, source) "
					+ "values ('000001.OF', '股票型', false, 'fund_basic')");
			String missingSymbol = jdbc.queryForObject("select symbol from market.coverage_gaps('minute_1m', "
					+ "'2026-11-18') where symbol not in ('600000.SH', '600004.SH', '000001.SZ', '000002.SZ') limit 1",
					String.class);

			Path screenshots = Path.of("target", "e2e-screenshots").toAbsolutePath();
			Path output = Files.createTempFile("console-e2e", ".log");
			ProcessBuilder browser = new ProcessBuilder("node", "e2e.mjs").directory(E2E.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			browser.environment().put("CONSOLE_URL", server.baseUrl());
			browser.environment().put("CONSOLE_USER", ConsoleServer.OPERATOR);
			browser.environment().put("CONSOLE_PASSWORD", ConsoleServer.PASSWORD);
			browser.environment().put("SCREENSHOT_DIR", screenshots.toString());
			browser.environment().put("BARS_SYMBOL", "600000.SH");
			browser.environment().put("FUND_CODE", "000001");
			browser.environment().put("BARS_FROM", "2026-11-17");
			browser.environment().put("BARS_TO", "2026-11-19");
			browser.environment().put("COVERAGE_FROM", "2026-11-16");
			browser.environment().put("COVERAGE_TO", "2026-11-20");
			browser.environment().put("COVERAGE_DATASET", "minute_1m");
			browser.environment().put("COVERAGE_DAY", "2026-11-18");
			browser.environment().put("COVERAGE_SYMBOL", missingSymbol);
			browser.environment().put("DAILY_FROM", "2026-11-16");
			browser.environment().put("DAILY_TO", "2026-11-20");
			Process process = browser.start();
			boolean ended = process.waitFor(150, TimeUnit.SECONDS);
			if (!ended) {
				process.destroyForcibly();
			}
			String log = read(output.toFile());
			assertThat(ended).as("browser test ended in time:%n%s", log).isTrue();
			assertThat(process.exitValue()).as("browser test:%n%s", log).isZero();
			assertThat(log).contains("e2e: all held");
			assertThat(screenshots.resolve("06-bars.png")).exists();
			assertThat(screenshots.resolve("08-coverage-drill-down.png")).exists();
			assertThat(screenshots.resolve("10-daily-completed.png")).exists();
			assertThat(screenshots.resolve("14-selftest.png")).exists();
			// The form's launch ran the job as the command line would: the whole market's
			// bars of the five days, from the sandbox, recorded as such.
			assertThat(jdbc.queryForObject(
					"select count(distinct trade_date) from market.bars_daily "
							+ "where source = 'sandbox' and trade_date between '2026-11-16' and '2026-11-20'",
					Integer.class))
				.isEqualTo(5);
		}
	}

	private static String read(File file) throws IOException {
		return Files.readString(file.toPath(), StandardCharsets.UTF_8);
	}

}
