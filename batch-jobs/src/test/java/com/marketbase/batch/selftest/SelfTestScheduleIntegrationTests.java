package com.marketbase.batch.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-test schedule of {@code serve}, with a schedule minute of 20 ms (so "5m" runs
 * every 100 ms) and every source pointed at a closed port on the loopback: a chosen
 * interval runs the self-test again and again, each failing run telling the webhook;
 * "off" cancels the pending run at once and no run starts after; the stored choice is
 * read again when the server starts.
 */
class SelfTestScheduleIntegrationTests {

	private static final Duration MINUTE = Duration.ofMillis(20);

	@Test
	void runsAtTheChosenIntervalUntilTurnedOffAndReadsTheChoiceAtStart() throws Exception {
		TestWarehouse.TIMESCALEDB.reset();
		JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			try (ConfigurableApplicationContext server = serve(receiver.url())) {
				SelfTestSchedule schedule = server.getBean(SelfTestSchedule.class);
				assertThat(schedule.setting().every()).isEqualTo("off");
				assertThat((Future<?>) schedule.pending()).isNull();

				SelfTestSchedule.Setting set = schedule.set("5m", "tester");

				assertThat(set.every()).isEqualTo("5m");
				assertThat(set.setBy()).isEqualTo("tester");
				assertThat(set.nextRunAt()).isNotNull();
				ScheduledFuture<?> planned = schedule.pending();
				assertThat((Future<?>) planned).isNotNull();
				Awaitility.await()
					.atMost(Duration.ofSeconds(60))
					.until(() -> finishedScheduledRuns(jdbc) >= 2 && receiver.received().size() >= 2);
				assertThat(JsonMapper.builder()
					.build()
					.readTree(receiver.received().get(0).body())
					.get("trigger")
					.asString()).isEqualTo("schedule");

				schedule.set("off", "tester");

				assertThat(planned.isCancelled()).isTrue();
				assertThat((Future<?>) schedule.pending()).isNull();
				assertThat(schedule.setting().nextRunAt()).isNull();
				// A run under way when it was turned off finishes; none starts after.
				Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !schedule.setting().underWay());
				Awaitility.await()
					.atMost(Duration.ofSeconds(60))
					.until(() -> jdbc.queryForObject(
							"select count(*) from market.selftest_runs where finished_at is null", Integer.class) == 0);
				int runs = runs(jdbc);
				// Twenty periods of the cancelled interval.
				Thread.sleep(MINUTE.multipliedBy(5 * 20).toMillis());
				assertThat(runs(jdbc)).isEqualTo(runs);

				schedule.set("daily", "tester");
			}
			try (ConfigurableApplicationContext server = serve(receiver.url())) {
				SelfTestSchedule schedule = server.getBean(SelfTestSchedule.class);
				assertThat(schedule.setting().every()).isEqualTo("daily");
				assertThat((Future<?>) schedule.pending()).isNotNull();
				assertThat(schedule.setting().nextRunAt()).isNotNull();
				schedule.set("off", "tester");
			}
		}
	}

	private static int finishedScheduledRuns(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select count(*) from market.selftest_runs where triggered_by = 'schedule' "
				+ "and finished_at is not null and failed = 1 and notified", Integer.class);
	}

	private static int runs(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select count(*) from market.selftest_runs", Integer.class);
	}

	private static ConfigurableApplicationContext serve(String webhook) throws IOException {
		String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("correct horse battery staple");
		return new SpringApplicationBuilder(BatchJobsApplication.class).profiles("serve")
			.run("serve", "--server.port=0", "--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
					"--marketbase.console.log-directory=" + Files.createTempDirectory("console-logs"),
					"--marketbase.console.users.otto.password=" + hash, "--marketbase.console.users.otto.role=OPERATOR",
					"--marketbase.schedule.enabled=false",
					"--marketbase.selftest.schedule-minute=" + MINUTE.toMillis() + "ms",
					// Eastmoney needs no setting: the only source configured, on a closed
					// port.
					"--marketbase.sources.eastmoney.base-url=http://127.0.0.1:1",
					"--marketbase.selftest.webhook-url=" + webhook);
	}

}
