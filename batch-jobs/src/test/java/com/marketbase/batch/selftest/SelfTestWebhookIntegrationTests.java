package com.marketbase.batch.selftest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The webhook of {@code selftest}: a run with a failed check posts one JSON summary with
 * the failed check and no credential to a receiver on the loopback, a clean run posts
 * nothing, and a receiver that answers 500 or is gone never fails the run and is kept
 * with it. A webhook URL that is not http or https stops the start in one line.
 */
@ExtendWith(OutputCaptureExtension.class)
class SelfTestWebhookIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aFailingRunPostsItsSummaryAndACleanRunNothing() {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
		// A token granted the special permissions too, so that every endpoint answers.
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
			.withTokens(Map.of(SandboxSettings.TOKEN,
					SandboxSettings.Grant.everythingWith(1_000_000, "stk_premarket", "rt_min_daily"))));
				WebhookReceiver receiver = WebhookReceiver.start()) {
			String[] args = ReferenceRuns
				.arguments(sandbox, "--marketbase.sources.tushare.retry.max-retries=0",
						"--marketbase.selftest.webhook-url=" + receiver.url(), "selftest", "tushare")
				.toArray(new String[0]);

			ConfigurableApplicationContext clean = SpringApplication.run(BatchJobsApplication.class, args);
			// A command-line run never schedules one of its own.
			assertThat(clean.getBeanProvider(SelfTestSchedule.class).getIfAvailable()).isNull();
			assertThat(SpringApplication.exit(clean)).isZero();
			assertThat(receiver.received()).isEmpty();
			assertThat(jdbc.queryForObject("select failed || ' ' || coalesce(notified::text, 'untold') || ' ' "
					+ "|| triggered_by from market.selftest_runs", String.class))
				.isEqualTo("0 untold cli");

			sandbox.inject("tushare:daily", SandboxFault.HTTP_500, 100);
			assertThat(SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args))).isEqualTo(1);

			List<WebhookReceiver.Received> received = receiver.received();
			assertThat(received).hasSize(1);
			assertThat(received.get(0).method()).isEqualTo("POST");
			assertThat(received.get(0).contentType()).isEqualTo("application/json");
			long runId = jdbc.queryForObject("select max(id) from market.selftest_runs", Long.class);
			JsonNode summary = json.readTree(received.get(0).body());
			assertThat(summary.get("run").asLong()).isEqualTo(runId);
			assertThat(summary.get("trigger").asString()).isEqualTo("cli");
			assertThat(summary.get("failed").asInt()).isOne();
			assertThat(summary.get("checks").asInt()).isGreaterThan(1);
			assertThat(summary.get("startedAt").asString()).isNotBlank();
			assertThat(summary.get("finishedAt").asString()).isNotBlank();
			JsonNode failure = summary.get("failures").get(0);
			assertThat(failure.get("source").asString()).isEqualTo("tushare");
			assertThat(failure.get("endpoint").asString()).isEqualTo("daily");
			assertThat(failure.get("errorClass").asString()).isEqualTo("http error");
			assertThat(failure.get("message").asString()).isNotBlank().hasSizeLessThanOrEqualTo(203);
			assertThat(received.get(0).body()).doesNotContain(SandboxSettings.TOKEN).doesNotContain("receiver-secret");
			assertThat(jdbc.queryForObject("select notified::text || ' ' || coalesce(notify_error, '-') "
					+ "from market.selftest_runs where id = ?", String.class, runId))
				.isEqualTo("true -");
		}
	}

	@Test
	void aReceiverThatFailsOrIsGoneNeverFailsTheRunAndIsKept(CapturedOutput output) throws IOException {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			receiver.answer(500);
			assertThat(selftestTdx(receiver.url())).isEqualTo(1);
			// One retry, then it gives up.
			assertThat(receiver.received()).hasSize(2);
			assertThat(jdbc.queryForObject("select checks || ' ' || failed || ' ' || notified::text || ' ' "
					+ "|| notify_error from market.selftest_runs", String.class))
				.isEqualTo("1 1 false it answered HTTP 500");
		}
		String gone;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			gone = "http://127.0.0.1:" + free.getLocalPort() + "/hook?token=receiver-secret";
		}
		assertThat(selftestTdx(gone)).isEqualTo(1);
		assertThat(jdbc.queryForObject(
				"select notified::text || ' ' || notify_error from market.selftest_runs " + "order by id desc limit 1",
				String.class))
			.startsWith("false it cannot be reached");
		assertThat(output.getAll()).contains("the webhook at http://127.0.0.1:")
			.doesNotContain("receiver-secret")
			.contains(": 1 endpoint(s), 1 failed");
	}

	@Test
	void aWebhookThatIsNotHttpStopsTheStartInOneLine(CapturedOutput output) {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		assertThatThrownBy(() -> SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
				"--marketbase.selftest.webhook-url=ftp://user:pw@127.0.0.1/hook", "selftest", "tdx"))
			.isInstanceOf(RuntimeException.class);
		assertThat(output.getAll())
			.contains("Marketbase could not start: marketbase.selftest.webhook-url must be an http:// or https:// URL.")
			.doesNotContain("user:pw");
	}

	private static int selftestTdx(String webhook) {
		return SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
				"--marketbase.sources.tdx.base-url=http://127.0.0.1:1", "--marketbase.selftest.webhook-timeout=2s",
				"--marketbase.selftest.webhook-url=" + webhook, "selftest", "tdx"));
	}

}
