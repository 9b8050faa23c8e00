package com.marketbase.batch.cli;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code quarantine list} and {@code quarantine release} as an operator types them.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuarantineCommandsIntegrationTests {

	@Test
	void listsAndReleasesQuarantinedUnitsKeepingWhoAndWhy(CapturedOutput output) {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		try (ConfigurableApplicationContext app = SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(), "help")) {
			check(app.getBean(CliRunner.class), output);
		}
	}

	// The commands run one after the other in one application, as separate launches of
	// batch.jar would.
	private static void check(CliRunner cli, CapturedOutput output) {
		Commands commands = (args) -> {
			cli.run(new DefaultApplicationArguments(args));
			return cli.getExitCode();
		};
		JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
		long first = quarantined(jdbc, "daily", "600000.SH/2026-11-18");
		quarantined(jdbc, "daily", "600001.SH/2026-11-18");
		quarantined(jdbc, "minute_1m", "600000.SH/2026-11-18");

		assertThat(commands.run("quarantine", "list", "daily")).isZero();
		assertThat(output.getOut()).contains("600000.SH/2026-11-18")
			.contains("600001.SH/2026-11-18")
			.doesNotContain("minute_1m ");

		assertThat(commands.run("quarantine", "release", String.valueOf(first))).isEqualTo(2);
		assertThat(output.getErr()).contains("A release needs --reason \"...\"");
		assertThat(commands.run("quarantine", "release", "999999", "--reason", "why")).isEqualTo(2);
		assertThat(output.getErr()).contains("No quarantined unit has id 999999");
		assertThat(commands.run("quarantine", "sweep")).isEqualTo(2);

		assertThat(commands.run("quarantine", "release", String.valueOf(first), "--reason", "the source corrected it"))
			.isZero();
		assertThat(jdbc.queryForMap("select released_by, release_reason from market.failed_work_units where id = ?",
				first))
			.containsEntry("released_by", System.getProperty("user.name"))
			.containsEntry("release_reason", "the source corrected it");
		assertThat(commands.run("quarantine", "release", "--dataset", "daily", "--reason=a bad day at the source"))
			.isZero();
		assertThat(output.getOut()).contains("Released 1 quarantined unit(s) of daily");
		assertThat(jdbc.queryForObject("select count(*) from market.failed_work_units where released_by is not null",
				Integer.class))
			.isEqualTo(2);

		assertThat(commands.run("quarantine", "list", "daily")).isZero();
		assertThat(output.getOut()).contains("No unit is quarantined for daily.");
		assertThat(output.getErr()).doesNotContain("\tat ");
	}

	private static long quarantined(JdbcTemplate jdbc, String dataset, String unit) {
		Long id = jdbc.queryForObject(
				"""
						insert into market.failed_work_units (dataset, unit_key, source, retry_count, last_error, quarantined_at)
						values (?, ?, 'sandbox', 2, 'rejected: high 9 is below low 10', now()) returning id""",
				Long.class, dataset, unit);
		return id;
	}

	private interface Commands {

		int run(String... args);

	}

}
