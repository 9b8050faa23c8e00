package com.marketbase.batch.source;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a launch's source is chosen, as a user meets it on the command line: the sandbox
 * only when asked for (or in demo mode) and its rows recorded as its own, an unconfigured
 * source refused before anything runs, an unreachable one failing in seconds, and
 * warehouses that would mix synthetic and real rows refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class SourceResolutionIntegrationTests {

	private final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());

	@BeforeEach
	void emptyWarehouse() {
		TestWarehouse.TIMESCALEDB.reset();
	}

	@Test
	void refusesASourceThatIsNotConfiguredNamingThePropertyAndRunsNothing(CapturedOutput output) {
		assertThat(exit(configured("job=minute_1m", "trade_date=2026-11-20", "symbols=600000.SH"))).isEqualTo(2);
		assertThat(exit(configured("job=daily", "trade_date=2026-11-20", "source=tdx"))).isEqualTo(2);

		assertThat(output.getErr())
			.contains("Tushare Pro is not configured: set marketbase.sources.tushare.token "
					+ "(or the TUSHARE_TOKEN environment variable), or launch with source=sandbox for synthetic data.")
			.contains("The TDX gateway is not configured: set marketbase.sources.tdx.base-url")
			.doesNotContain("\tat ");
		assertThat(this.jdbc.queryForObject("select count(*) from batch_job_execution", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from market.load_batches", Integer.class)).isZero();
	}

	@Test
	void readsTushareAtItsDocumentedAddressNeverTheSandbox() {
		// The documented address is only compared, never called: the guard is set here
		// too,
		// so that this test cannot reach it however it is run (the build sets it as
		// well).
		System.setProperty(SourceHttp.LOOPBACK_ONLY, "true");
		SourceResolver resolver = resolver(Map.of(), "a-token", false);

		assertThat(resolver.settings(SourceName.TUSHARE).baseUrl()).hasToString("http://api.tushare.pro");
		assertThat(resolver.defaultSource(null)).isEqualTo(SourceName.TUSHARE);
		// These tests may call loopback addresses only: the real endpoint is refused here
		// instead of being replaced by anything.
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> resolver.checkReachable(SourceName.TUSHARE)))
			.isInstanceOf(PermanentSourceException.class)
			.hasMessageContaining("http://api.tushare.pro")
			.hasMessageContaining("loopback addresses only");
		assertThat(resolver(Map.of(), "", true).defaultSource(null)).isEqualTo(SourceName.SANDBOX);
		assertThat(
				resolver(Map.of("marketbase.sources.default-source", "sandbox"), "a-token", false).defaultSource(null))
			.isEqualTo(SourceName.SANDBOX);
	}

	@Test
	void failsInSecondsNamingASourceThatCannotBeReached(CapturedOutput output) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		long started = System.nanoTime();

		int exit = exit(configured("--marketbase.sources.tushare.base-url=http://127.0.0.1:" + port,
				"--marketbase.sources.tushare.token=t", "job=minute_1m", "trade_date=2026-11-20", "symbols=600000.SH"));

		assertThat(exit).isEqualTo(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		assertThat(output.getErr()).contains("Tushare Pro cannot be reached at http://127.0.0.1:" + port)
			.contains("check marketbase.sources.tushare.base-url")
			.doesNotContain("\tat ");
		assertThat(this.jdbc.queryForObject("select count(*) from batch_job_execution", Integer.class)).isZero();
	}

	@Test
	void recordsSandboxRowsAsSandboxAndRefusesToMixThemWithRealOnes(CapturedOutput output) throws Exception {
		try (Sandbox tushare = Sandbox.start(SandboxSettings.defaults()
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))))) {
			String[] asTushare = { "--marketbase.sources.tushare.base-url=" + tushare.baseUrl(),
					"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN };
			List<String> day = List.of("job=minute_1m", "trade_date=2026-11-20", "symbols=600000.SH,000001.SZ");

			assertThat(exit(configured(with(day, "source=sandbox")))).isZero();

			assertThat(output.getOut()).contains("minute_1m: source: sandbox, synthetic data")
				.containsPattern("source: sandbox, synthetic data; days: 2 complete");
			assertThat(this.jdbc.queryForList("select distinct source from market.bars_1m", String.class))
				.containsExactly("sandbox");
			assertThat(this.jdbc.queryForList("select distinct source from market.load_units", String.class))
				.containsExactly("sandbox");

			// Real rows into a warehouse holding synthetic ones: refused unless asked
			// for.
			assertThat(exit(configured(asTushare, with(day, "source=tushare")))).isEqualTo(2);
			assertThat(output.getErr()).contains("This warehouse holds synthetic rows from the sandbox; a load from "
					+ "tushare would mix real rows with them. Load real data into a fresh warehouse, or add "
					+ "allow-mixed-sources=true.");
			assertThat(
					exit(configured(asTushare, with(day, "source=tushare", "allow-mixed-sources=true", "force=true"))))
				.isZero();
			assertThat(this.jdbc.queryForList("select distinct source from market.bars_1m order by 1", String.class))
				.containsExactly("tushare");

			// And the other way round.
			assertThat(exit(configured(with(List.of("job=daily", "trade_date=2026-11-20"), "source=sandbox"))))
				.isEqualTo(2);
			assertThat(output.getErr())
				.contains("This warehouse holds rows loaded from tushare; a sandbox load would mix synthetic rows "
						+ "with them. Load the sandbox into a warehouse of its own, or add allow-mixed-sources=true.");
		}
	}

	@Test
	void takesTheFundsAlongWhenAFreshWarehouseBootstrapsItsInstruments(CapturedOutput output) throws Exception {
		try (Sandbox tushare = Sandbox.start(SandboxSettings.defaults()
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))))) {
			String[] asTushare = { "--marketbase.sources.tushare.base-url=" + tushare.baseUrl(),
					"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN };

			assertThat(exit(configured(asTushare,
					List.of("job=minute_1m", "trade_date=2026-11-20", "symbols=518880.SH", "source=tushare"))))
				.isZero();

			assertThat(this.jdbc.queryForObject("select asset_class from market.instruments where symbol = '518880.SH'",
					String.class))
				.isEqualTo("etf");
			assertThat(this.jdbc.queryForObject("select count(*) from market.bars_1m where symbol = '518880.SH'",
					Integer.class))
				.isEqualTo(240);
			// A code the lists do not have: the message says what to run.
			assertThat(exit(configured(asTushare,
					List.of("job=minute_1m", "trade_date=2026-11-20", "symbols=599999.SH", "source=tushare"))))
				.isEqualTo(2);
			assertThat(output.getErr()).contains("Unknown symbols: 599999.SH. Run job=instruments source=tushare to "
					+ "load the instrument lists, or check the codes.");
		}
	}

	@Test
	void saysInDemoModeThatItLoadsSyntheticData(@TempDir Path directory, CapturedOutput output) {
		String[] args = { "--spring.datasource.url=",
				"--marketbase.embedded.data-directory=" + directory.resolve("warehouse"), "job=minute_1m",
				"trade_date=2026-11-20", "symbols=600000.SH" };

		try (ConfigurableApplicationContext app = SpringApplication.run(BatchJobsApplication.class, args)) {
			JdbcTemplate embedded = new JdbcTemplate(app.getBean(javax.sql.DataSource.class));

			assertThat(app.getBean(SourceResolver.class).demo()).isTrue();
			assertThat(embedded.queryForList("select distinct source from market.bars_1m", String.class))
				.containsExactly("sandbox");
		}
		assertThat(output.getOut()).contains("Demo mode: no datasource and no source configured")
			.contains("minute_1m: source: sandbox, synthetic data")
			.contains("source: sandbox, synthetic data; days: 1 complete");
	}

	private static SourceResolver resolver(Map<String, String> properties, String token, boolean demo) {
		SourcesProperties bound = new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("marketbase.sources", SourcesProperties.class);
		return new SourceResolver(bound, Secret.of(token), demo, quota(), new SourceStates());
	}

	private static com.marketbase.batch.source.quota.CallQuota quota() {
		return com.marketbase.batch.source.quota.CallQuota.unlimited();
	}

	private static List<String> with(List<String> base, String... more) {
		List<String> all = new ArrayList<>(base);
		all.addAll(List.of(more));
		return all;
	}

	private static String[] configured(String... args) {
		return configured(new String[0], List.of(args));
	}

	private static String[] configured(List<String> args) {
		return configured(new String[0], args);
	}

	// A configured deployment: its own database, whatever sources the test names.
	private static String[] configured(String[] sources, List<String> args) {
		List<String> all = new ArrayList<>(List.of("--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl()));
		all.addAll(List.of(sources));
		all.addAll(args);
		// A token in the environment (TUSHARE_TOKEN) must not configure what the test
		// leaves out.
		if (all.stream().noneMatch((arg) -> arg.startsWith("--marketbase.sources.tushare.token="))) {
			all.add("--marketbase.sources.tushare.token=");
		}
		return all.toArray(new String[0]);
	}

	private static int exit(String... args) {
		return SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args));
	}

}
