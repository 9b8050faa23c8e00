package com.marketbase.batch.schedule;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule as {@code batch.jar serve} runs it from its properties, on the real clock:
 * an entry firing every two seconds loads today once, and every later firing finds the
 * day loaded or being loaded.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScheduleServeIntegrationTests {

	@Test
	void firesFromItsPropertiesAndLoadsTheDayOnce(CapturedOutput output) {
		TestWarehouse warehouse = TestWarehouse.EMBEDDED;
		warehouse.reset();
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(BatchJobsApplication.class)
			.profiles("serve")
			.run("serve", "--server.port=0", "--spring.datasource.url=" + warehouse.jdbcUrl(),
					"--marketbase.jobs.minute-1m.partitions=1", "--marketbase.schedule.entries[0].job=minute_1m",
					"--marketbase.schedule.entries[0].cron=*/2 * * * * *", "--marketbase.schedule.entries[0].days=all",
					"--marketbase.schedule.entries[0].parameters.symbols=600000.SH",
					"--marketbase.schedule.entries[0].parameters.source=sandbox",
					"--marketbase.schedule.entries[0].catch-up=false")) {
			JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());

			Awaitility.await()
				.atMost(Duration.ofSeconds(90))
				.until(() -> output.toString()
					.contains("Schedule: minute_1m " + today + ": " + today + " was loaded before")
						|| output.toString()
							.contains("Schedule: minute_1m " + today + ": " + today + " is being loaded already"));

			assertThat(output).contains("Schedule: 1 entries");
			assertThat(jdbc.queryForObject("select count(*) from batch_job_instance where job_name = 'minute_1m'",
					Long.class))
				.isEqualTo(1);
			assertThat(jdbc.queryForObject(
					"select count(*) from batch_job_execution_params "
							+ "where parameter_name = 'start_date' and parameter_value = ?",
					Long.class, today.toString()))
				.isGreaterThanOrEqualTo(1);
		}
	}

}
