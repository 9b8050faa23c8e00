package com.marketbase.batch;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.WarehouseMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The application as a user starts it: against a configured TimescaleDB, on the embedded
 * default, and against a database it cannot use.
 */
@ExtendWith(OutputCaptureExtension.class)
class BatchJobsApplicationIntegrationTests {

	@Test
	void migratesAndReportsTheModeOfAConfiguredTimescaleDb(CapturedOutput output) {
		String url = TestWarehouse.TIMESCALEDB.jdbcUrl();
		TestWarehouse.TIMESCALEDB.reset();

		try (ConfigurableApplicationContext context = SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=" + url, "help")) {
			WarehouseInfo info = context.getBean(WarehouseInfo.class);

			assertThat(info.mode()).isIn(WarehouseMode.TIMESCALEDB_APACHE, WarehouseMode.TIMESCALEDB_FULL);
			assertThat(output).contains("Warehouse mode: " + info.describe());
		}
	}

	@Test
	void keepsTheEmbeddedWarehouseBetweenRuns(@TempDir Path directory, CapturedOutput output) {
		Path data = directory.resolve("warehouse");
		String[] args = { "--spring.datasource.url=", "--marketbase.embedded.data-directory=" + data, "help" };

		assertThat(SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args))).isZero();
		assertThat(SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args))).isZero();

		assertThat(data.resolve("PG_VERSION")).exists();
		assertThat(output).contains("Warehouse mode: plain PostgreSQL on PostgreSQL 17")
			.contains("No datasource configured: embedded PostgreSQL");
	}

	// The README's first command, for one exchange: without a date the job loads the
	// last closed session, which the embedded sandbox has whatever the day.
	@Test
	void loadsTheLastClosedSessionFromTheEmbeddedSandboxWithoutADate(@TempDir Path directory, CapturedOutput output) {
		String[] args = { "--spring.datasource.url=",
				"--marketbase.embedded.data-directory=" + directory.resolve("warehouse"), "job=minute_1m",
				"exchange=BJ" };

		assertThat(SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args))).isZero();

		assertThat(output.getOut()).containsPattern("minute_1m execution 1: COMPLETED \\(COMPLETED\\)")
			.containsPattern("days: [1-9][0-9]* complete")
			.doesNotContain("bars: 0;");
	}

	@Test
	void refusesAnUnknownJobWithTheJobsThereAre(@TempDir Path directory, CapturedOutput output) {
		int exitCode = SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=", "--marketbase.embedded.data-directory=" + directory, "job=no_such_job"));

		assertThat(exitCode).isEqualTo(2);
		assertThat(output.getErr()).contains("Unknown job 'no_such_job'. Jobs: ");
	}

	@Test
	void refusesBadInputBeforeAnythingRuns(@TempDir Path directory, CapturedOutput output) {
		String data = "--marketbase.embedded.data-directory=" + directory;

		assertThat(exit("--spring.datasource.url=", data, "job=minute_1m", "trade_date=2026-11-31")).isEqualTo(2);
		assertThat(exit("--spring.datasource.url=", data, "restart=999")).isEqualTo(2);
		assertThat(exit("--spring.datasource.url=", data, "stop=abc")).isEqualTo(2);

		assertThat(output.getErr()).contains("trade_date '2026-11-31' is not a date; use YYYY-MM-DD")
			.contains("No execution 999; 'list' shows the recent ones.")
			.contains("stop takes an execution id, a whole number as 'list' shows it, not 'abc'.")
			.doesNotContain("\tat ");
		assertThat(output.getOut()).doesNotContain("minute_1m execution");
	}

	private static int exit(String... args) {
		return SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args));
	}

	@Test
	void failsInSecondsNamingAnUnreachableDatabaseWithoutItsPassword(CapturedOutput output) {
		long started = System.nanoTime();

		assertThatException().isThrownBy(() -> SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/marketbase?user=mb&password=hunter2", "help"));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
		assertThat(output).contains(
				"Cannot connect to the warehouse database at jdbc:postgresql://127.0.0.1:9/marketbase?user=mb&password=****: ")
			.contains("Connection to 127.0.0.1:9 refused")
			.doesNotContain("hunter2");
	}

	@Test
	void namesAMissingDatabase(CapturedOutput output) {
		String url = TestWarehouse.TIMESCALEDB.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/no_such_database$1");

		assertThatException().isThrownBy(
				() -> SpringApplication.run(BatchJobsApplication.class, "--spring.datasource.url=" + url, "help"));

		assertThat(output).contains("Cannot connect to the warehouse database at ")
			.contains("no_such_database")
			.doesNotContain("at org.postgresql");
	}

}
