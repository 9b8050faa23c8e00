package com.marketbase.batch.job.minute1m;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real database restart in the middle of a {@code minute_1m} load: the server is shut
 * down after the first chunks are in and started again a second later. The run waits for
 * it, marks the execution the lost connection left behind FAILED, goes on from its last
 * committed chunk and ends COMPLETED with exactly the rows of an uninterrupted load. The
 * server is an embedded PostgreSQL of the test's own (plain mode), so that stopping it
 * disturbs no other test.
 */
class DatabaseRestartIntegrationTests {

	private static final String DAY = "trade_date=" + Minute1mRuns.DAY;

	@Test
	void aLoadThatLosesItsDatabaseWaitsGoesOnAndLoadsWhatAnUninterruptedLoadLoads(@TempDir Path data,
			@TempDir Path logs) throws Exception {
		int port = freePort();
		EmbeddedPostgres server = start(data, port);
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(15)))) {
			create(server, "uninterrupted");
			create(server, "restarted");
			Process reference = Minute1mRuns.process(url(port, "uninterrupted"), sandbox, logs.resolve("reference.log"),
					"job=minute_1m", DAY, "exchange=BJ", "source=tushare");
			assertThat(reference.waitFor(180, TimeUnit.SECONDS)).isTrue();
			assertThat(reference.exitValue()).as(Files.readString(logs.resolve("reference.log"))).isZero();
			Map<String, String> uninterrupted = Minute1mRuns.fingerprints(dataSource(port, "uninterrupted"));

			Process load = Minute1mRuns.process(url(port, "restarted"), sandbox, logs.resolve("restarted.log"),
					"--marketbase.jobs.minute-1m.chunk-units=5", "job=minute_1m", DAY, "exchange=BJ", "source=tushare");
			JdbcTemplate restarted = new JdbcTemplate(dataSource(port, "restarted"));
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(50))
				.ignoreExceptions()
				.until(() -> restarted.queryForObject("select count(*) from market.load_units", Integer.class) >= 20);
			server.close();
			Thread.sleep(1_000);
			server = start(data, port);

			assertThat(load.waitFor(240, TimeUnit.SECONDS)).isTrue();
			String output = Files.readString(logs.resolve("restarted.log"));
			assertThat(load.exitValue()).as(output).isZero();
			assertThat(output).contains("minute_1m lost its database connection; waiting up to")
				.contains("The database is back; restarting execution")
				.containsPattern("minute_1m execution \\d+: COMPLETED \\(COMPLETED\\)")
				.contains("symbol-days read before the checkpoints, all in the warehouse")
				.doesNotContain("Manual intervention");
			assertThat(Minute1mRuns.fingerprints(dataSource(port, "restarted"))).isEqualTo(uninterrupted);
		}
		finally {
			server.close();
		}
	}

	private static EmbeddedPostgres start(Path data, int port) throws IOException {
		return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
	}

	private static void create(EmbeddedPostgres server, String database) {
		new JdbcTemplate(server.getPostgresDatabase()).execute("create database " + database);
	}

	private static String url(int port, String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
	}

	private static DataSource dataSource(int port, String database) {
		return new DriverManagerDataSource(url(port, database));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
