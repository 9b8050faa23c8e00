package com.marketbase.batch.support.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.support.remote.PartitionWorker;
import com.marketbase.batch.support.remote.TestBroker;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A daily-bar dataset with {@code workers=remote}: its fetches are dealt out to
 * partitions that workers take from the broker {@code ops/broker.sh} starts, each through
 * the real Tushare connector with its own token, against the sandbox. One worker holds a
 * token the source refuses: its partitions fail, the others complete, and the restart
 * runs only the failed ones on the worker left.
 */
class DatasetRemoteWorkersIntegrationTests {

	private static final LocalDate FIRST = LocalDate.of(2026, 10, 21);

	private static final LocalDate LAST = LocalDate.of(2026, 11, 20);

	private static final int SYMBOLS = 60;

	private final TestWarehouse warehouse = TestWarehouse.TIMESCALEDB;

	private final JdbcTemplate jdbc = new JdbcTemplate(this.warehouse.dataSource());

	private final String queue = TestBroker.queue();

	@AfterEach
	void deleteQueue() {
		TestBroker.delete(this.queue);
	}

	@Test
	void workersLoadWhatALocalRunLoadsAndARestartRunsOnlyThePartitionsThatFailed(@TempDir Path logs) throws Exception {
		try (Sandbox sandbox = ReferenceRuns.sandbox()) {
			Map<String, String> local;
			long localCalls;
			this.warehouse.reset();
			try (ConfigurableApplicationContext app = ReferenceRuns.application(sandbox, settings("local"))) {
				long before = sandbox.calls("tushare:daily");
				JobExecution execution = ReferenceRuns.launch(app, "daily", month(app, false));
				assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
					.isEqualTo(BatchStatus.COMPLETED);
				localCalls = sandbox.calls("tushare:daily") - before;
				local = fingerprints();
			}
			// One range fetch per instrument: the partitions have work of their own.
			assertThat(localCalls).isEqualTo(SYMBOLS);

			this.warehouse.reset();
			try (ConfigurableApplicationContext manager = ReferenceRuns.application(sandbox, settings("good"))) {
				Map<String, String> parameters = month(manager, true);
				// A process of its own: job-scoped beans are shared by the contexts of
				// one
				// JVM.
				Process refused = refusedWorker(sandbox, logs.resolve("refused.log"));
				JobExecution failed;
				long before;
				try {
					await().atMost(Duration.ofSeconds(180))
						.pollInterval(Duration.ofMillis(200))
						.ignoreExceptions()
						.until(() -> refused.isAlive() && this.jdbc.queryForObject(
								"select count(*) from market.workers where credential = 'revoked' and stopped_at is null",
								Integer.class) == 1);
					manager.getBean(PartitionWorker.class).start(2);
					before = sandbox.calls("tushare:daily");
					failed = ReferenceRuns.launch(manager, "daily", parameters);
				}
				finally {
					refused.destroy();
					refused.waitFor(30, TimeUnit.SECONDS);
				}
				assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
				// The launching process says why, and where, in the source's words.
				assertThat(failed.getExitStatus().getExitDescription())
					.startsWith("Tushare Pro refused daily: the token was not accepted")
					.containsPattern("\\(on the worker \\S+ pid " + refused.pid()
							+ ", credential revoked\\) \\(and \\d+ more partitions\\); source: tushare;")
					.doesNotContain("revoked-token");
				List<Long> failedPartitions = partitions(failed.getId(), "FAILED");
				int completed = partitions(failed.getId(), "COMPLETED").size();
				assertThat(failedPartitions).as("the refused worker's partitions").isNotEmpty();
				assertThat(completed).as("the good worker's partitions").isPositive();
				assertThat(failedPartitions.size() + completed).isEqualTo(24);
				assertThat(this.jdbc.queryForObject(
						"select count(distinct worker_id) from market.remote_partitions where job_execution_id = ?",
						Integer.class, failed.getId()))
					.isEqualTo(2);
				// What the failed partitions were to read, none of which was stored.
				JobRepository repository = manager.getBean(JobRepository.class);
				int unread = 0;
				for (Long id : failedPartitions) {
					var partition = repository.getStepExecution(id);
					List<Fetch> plan = Fetch.decode(
							partition.getJobExecution().getExecutionContext().getString(DatasetPrepareTasklet.FETCHES));
					unread += DatasetPartitioner.share(plan, partition.getExecutionContext()).size();
				}
				long firstCalls = sandbox.calls("tushare:daily") - before;

				JobExecution restarted = manager.getBean(JobOperator.class).restart(failed);

				assertThat(restarted.getStatus()).as(restarted.getExitStatus().getExitDescription())
					.isEqualTo(BatchStatus.COMPLETED);
				assertThat(sandbox.calls("tushare:daily") - before - firstCalls).as("fetches read again")
					.isEqualTo(unread);
				assertThat(partitions(restarted.getId(), "COMPLETED")).hasSameSizeAs(failedPartitions);
				assertThat(partitions(restarted.getId(), "FAILED")).isEmpty();
				assertThat(restarted.getExitStatus().getExitDescription()).contains("checkpoints: " + (SYMBOLS - unread)
						+ " fetches read before the checkpoint, all in the warehouse");
				assertThat(fingerprints()).isEqualTo(local);
			}
		}
	}

	private Map<String, String> month(ConfigurableApplicationContext app, boolean remote) throws Exception {
		assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		List<String> symbols = this.jdbc.queryForList(
				"select symbol from market.instruments "
						+ "where asset_class = 'stock' and list_date < ? order by symbol limit " + SYMBOLS,
				String.class, FIRST);
		Map<String, String> parameters = new HashMap<>(Map.of("start_date", FIRST.toString(), "end_date",
				LAST.toString(), "source", "tushare", "symbols", String.join(",", symbols)));
		if (remote) {
			parameters.put("workers", "remote");
		}
		return parameters;
	}

	private List<Long> partitions(long jobExecutionId, String status) {
		return this.jdbc.queryForList(
				"select step_execution_id from batch_step_execution where job_execution_id = ? "
						+ "and step_name like 'daily.load.worker:%' and status = ?",
				Long.class, jobExecutionId, status);
	}

	private Map<String, String> fingerprints() {
		Map<String, String> result = new LinkedHashMap<>();
		result.put("bars_daily", this.jdbc.queryForObject("select count(*) || ' rows, md5 ' || coalesce(md5(string_agg("
				+ "symbol || trade_date::text || open::text || high::text || low::text || close::text || volume::text "
				+ "|| amount::text || coalesce(adj_factor::text, '-'), ',' order by symbol, trade_date)), '-') "
				+ "from market.bars_daily", String.class));
		result.put("load_units",
				this.jdbc.queryForObject("select count(*) || ' rows, md5 ' || coalesce(md5(string_agg("
						+ "symbol || trade_date::text || status, ',' order by symbol, trade_date)), '-') "
						+ "from market.load_units where dataset = 'daily'", String.class));
		return result;
	}

	private String[] settings(String credential) {
		return new String[] { "--marketbase.workers.broker-url=" + TestBroker.url(),
				"--marketbase.workers.queue=" + this.queue, "--marketbase.workers.credential=" + credential,
				"--marketbase.workers.heartbeat-interval=1s", "--marketbase.workers.poll-interval=200ms",
				// Per instrument, so that the month is many fetches.
				"--marketbase.jobs.daily.whole-market-from=1000", "--marketbase.jobs.daily.chunk-units=2" };
	}

	// A worker with a token the source does not know: every call it makes is refused.
	private Process refusedWorker(Sandbox sandbox, Path log) throws IOException {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-jar",
				Path.of("target", "batch.jar").toString(), "--spring.datasource.url=" + this.warehouse.jdbcUrl(),
				"--marketbase.sources.tushare.base-url=" + sandbox.baseUrl(),
				"--marketbase.sources.tushare.token=revoked-token"));
		command.addAll(List.of(settings("revoked")));
		command.addAll(List.of("worker", "--concurrency", "2"));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

}
