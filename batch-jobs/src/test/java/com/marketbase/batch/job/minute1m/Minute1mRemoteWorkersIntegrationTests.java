package com.marketbase.batch.job.minute1m;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.support.remote.PartitionWorker;
import com.marketbase.batch.support.remote.TestBroker;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.marketbase.batch.job.minute1m.Minute1mRuns.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code minute_1m} with {@code workers=remote}: worker processes take the partitions
 * from the broker {@code ops/broker.sh} starts, through the real Tushare connector
 * against the sandbox. The launching process runs in this JVM.
 */
@ExtendWith(OutputCaptureExtension.class)
class Minute1mRemoteWorkersIntegrationTests {

	private static final int BEIJING_STOCKS = 503;

	private final DataSource warehouse = TestWarehouse.TIMESCALEDB.dataSource();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.warehouse);

	private final String queue = TestBroker.queue();

	private final List<Process> workers = new ArrayList<>();

	@BeforeEach
	void emptyWarehouse() {
		TestWarehouse.TIMESCALEDB.reset();
	}

	@AfterEach
	void stopWorkers() throws InterruptedException {
		for (Process worker : this.workers) {
			worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		TestBroker.delete(this.queue);
	}

	@Test
	void threeWorkersLoadWhatALocalRunLoadsAndARestartRunsOnlyWhatAKilledWorkerLeft(@TempDir Path logs,
			CapturedOutput output) throws Exception {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(15)))) {
			try (ConfigurableApplicationContext app = Minute1mRuns.application(sandbox, SandboxSettings.TOKEN)) {
				assertThat(launch(app, beijing(false)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			}
			Map<String, String> local = Minute1mRuns.fingerprints(this.warehouse);
			TestWarehouse.TIMESCALEDB.reset();

			try (ConfigurableApplicationContext manager = Minute1mRuns.application(sandbox, SandboxSettings.TOKEN,
					settings("manager"))) {
				for (int i = 0; i < 3; i++) {
					List<String> args = new ArrayList<>(List.of(settings("token-" + i)));
					args.addAll(List.of("worker", "--concurrency", "2"));
					this.workers.add(Minute1mRuns.process(sandbox, logs.resolve("worker" + i + ".log"),
							args.toArray(new String[0])));
				}
				awaitOrShow(logs, () -> aliveWorkers() == 3);
				long callsBefore = sandbox.calls("tushare:stk_mins");

				CompletableFuture<JobExecution> run = CompletableFuture
					.supplyAsync(() -> launch(manager, beijing(true)));
				await().atMost(Duration.ofSeconds(120))
					.pollInterval(Duration.ofMillis(50))
					.ignoreExceptions()
					.until(() -> unitsStored() >= 150 && runningOn(this.workers.get(0).pid()) > 0);
				this.workers.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS);

				JobExecution failed = run.get(120, TimeUnit.SECONDS);
				assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
				assertThat(this.jdbc.queryForObject(
						"select exit_message from batch_job_execution " + "where job_execution_id = ?", String.class,
						failed.getId()))
					.contains("was running on the worker")
					.contains("pid " + this.workers.get(0).pid())
					.contains("(credential token-0), which stopped heart-beating at");
				// Every partition ran somewhere, the killed worker's ones failed.
				assertThat(this.jdbc.queryForObject(
						"select count(distinct worker_id) from market.remote_partitions where job_execution_id = ?",
						Integer.class, failed.getId()))
					.isEqualTo(3);
				int committed = unitsStored();
				long fetchedFirst = sandbox.calls("tushare:stk_mins") - callsBefore;
				assertThat(committed).isLessThan(BEIJING_STOCKS);

				JobExecution restarted = manager.getBean(JobOperator.class).restart(failed);
				assertThat(restarted.getStatus()).as(restarted.getExitStatus().getExitDescription())
					.isEqualTo(BatchStatus.COMPLETED);
				long fetchedOnRestart = sandbox.calls("tushare:stk_mins") - callsBefore - fetchedFirst;
				assertThat(fetchedOnRestart).as("units fetched again").isEqualTo(BEIJING_STOCKS - committed);
				assertThat(Minute1mRuns.fingerprints(this.warehouse)).isEqualTo(local);
				// The restart ran only the failed partitions, on the workers still alive.
				List<Long> restartPids = this.jdbc.queryForList(
						"select distinct w.pid from market.remote_partitions p "
								+ "join market.workers w on w.worker_id = p.worker_id where p.job_execution_id = ?",
						Long.class, restarted.getId());
				assertThat(restartPids).isNotEmpty().doesNotContain(this.workers.get(0).pid());
				assertThat(this.jdbc.queryForObject(
						"select count(*) from batch_step_execution where job_execution_id = ? and step_name like "
								+ "'minute_1m.load.worker:%'",
						Integer.class, restarted.getId()))
					.isEqualTo(this.jdbc.queryForObject("select count(*) from batch_step_execution where "
							+ "job_execution_id = ? and step_name like 'minute_1m.load.worker:%' and status = 'FAILED'",
							Integer.class, failed.getId()));
				// Where each partition ran, on the command line.
				String[] where = { "--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(), "list" };
				SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, where));
				assertThat(output.getOut())
					.contains("[partitions on 3 remote workers: 'workers " + failed.getId() + "' says where]");
				where = new String[] { where[0], "workers", String.valueOf(restarted.getId()) };
				SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, where));
				assertThat(output.getOut())
					.containsPattern("minute_1m\\.load\\.worker:partition\\d+ +\\S+ +\\d+ token-[12] +COMPLETED");
			}
		}
	}

	@Test
	void aRequestDeliveredTwiceRunsOnce() throws Exception {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults());
				ConfigurableApplicationContext app = Minute1mRuns.application(sandbox, SandboxSettings.TOKEN,
						append(settings("both"), "--marketbase.workers.partitions=6"))) {
			Map<String, String> parameters = beijing(true);
			// The requests wait in the queue until a worker starts; each is sent a second
			// time meanwhile.
			CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> launch(app, parameters));
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> run.isDone() || startingPartitions().size() == 6);
			assertThat(run).as("the launch waits for a worker").isNotDone();
			for (Long partition : startingPartitions()) {
				TestBroker.send(this.queue, "minute1mWorkerStep/" + partition);
			}
			PartitionWorker worker = app.getBean(PartitionWorker.class);
			worker.start(4);
			try {
				JobExecution execution = run.get(60, TimeUnit.SECONDS);
				assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
				assertThat(sandbox.calls("tushare:stk_mins")).as("one call per symbol").isEqualTo(BEIJING_STOCKS);
				assertThat(this.jdbc.queryForObject(
						"select count(*) from market.remote_partitions "
								+ "where job_execution_id = ? and status = 'COMPLETED'",
						Integer.class, execution.getId()))
					.isEqualTo(6);
				// A late duplicate of a completed partition is skipped as well.
				TestBroker.send(this.queue, "minute1mWorkerStep/" + this.jdbc.queryForObject(
						"select min(step_execution_id) from market.remote_partitions where job_execution_id = ?",
						Long.class, execution.getId()));
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> TestBroker.depth(this.queue) == 0);
				// Taken: a partition run again would have called the source within this.
				Thread.sleep(2000);
				assertThat(sandbox.calls("tushare:stk_mins")).isEqualTo(BEIJING_STOCKS);
			}
			finally {
				worker.close();
			}
		}
	}

	@Test
	void aStoppedWorkerLetsItsRunningPartitionsFinishFirst() throws Exception {
		// Each partition takes about ten seconds: longer than the broker client's own
		// five-second wait at shutdown.
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(40)));
				ConfigurableApplicationContext app = Minute1mRuns.application(sandbox, SandboxSettings.TOKEN,
						append(settings("drained"), "--marketbase.workers.partitions=2"))) {
			PartitionWorker worker = app.getBean(PartitionWorker.class);
			worker.start(2);
			CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> launch(app, beijing(true)));
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(50))
				.ignoreExceptions()
				.until(() -> unitsStored() > 0 && this.jdbc.queryForObject(
						"select count(*) from market.remote_partitions where ended_at is null", Integer.class) == 2);

			worker.stop();

			// Both ended on this worker before it stopped; none was left to the
			// heartbeat.
			assertThat(this.jdbc.queryForList("select status from market.remote_partitions", String.class))
				.containsExactly("COMPLETED", "COMPLETED");
			assertThat(unitsStored()).isEqualTo(BEIJING_STOCKS);
			assertThat(run.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(this.jdbc.queryForObject(
					"select stopped_at is not null from market.workers where credential = 'drained'", Boolean.class))
				.isTrue();
		}
	}

	@Test
	void aRemoteLaunchWithTheBrokerDownFailsInSecondsWithOneLine(CapturedOutput output) {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults())) {
			List<String> args = Minute1mRuns.arguments(sandbox, SandboxSettings.TOKEN,
					"--marketbase.workers.broker-url=amqp://marketbase:secret-password@127.0.0.1:1", "job=minute_1m",
					"trade_date=" + DAY, "exchange=BJ", "source=tushare", "workers=remote");
			long started = System.nanoTime();

			int exitCode = SpringApplication
				.exit(SpringApplication.run(BatchJobsApplication.class, args.toArray(new String[0])));

			// The application's start included: the broker's answer itself takes
			// milliseconds.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
			assertThat(exitCode).isEqualTo(2);
			assertThat(output.getErr()).contains("The broker at amqp://marketbase@127.0.0.1:1 cannot be reached (")
				.contains("Nothing was started")
				.doesNotContain("secret-password")
				.doesNotContain("\tat ");
			assertThat(this.jdbc.queryForObject("select count(*) from batch_job_execution", Integer.class)).isZero();
		}
	}

	private String[] settings(String credential) {
		return new String[] { "--marketbase.workers.broker-url=" + TestBroker.url(),
				"--marketbase.workers.queue=" + this.queue, "--marketbase.workers.credential=" + credential,
				"--marketbase.workers.heartbeat-interval=1s", "--marketbase.workers.heartbeat-timeout=20s",
				"--marketbase.workers.poll-interval=300ms", "--marketbase.jobs.minute-1m.chunk-units=5" };
	}

	private static String[] append(String[] first, String... more) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(List.of(more));
		return all.toArray(new String[0]);
	}

	private static Map<String, String> beijing(boolean remote) {
		Map<String, String> parameters = new HashMap<>(
				Map.of("trade_date", DAY.toString(), "exchange", "BJ", "source", "tushare"));
		if (remote) {
			parameters.put("workers", "remote");
		}
		return parameters;
	}

	private static JobExecution launch(ConfigurableApplicationContext app, Map<String, String> parameters) {
		try {
			return app.getBean(JobOperator.class)
				.start(app.getBean("minute1mJob", Job.class), app.getBean(Minute1mLaunch.class).parameters(parameters));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int aliveWorkers() {
		try {
			Integer count = this.jdbc.queryForObject(
					"select count(*) from market.workers where stopped_at is null and heartbeat_at > now() - interval '5 seconds'",
					Integer.class);
			return (count != null) ? count : 0;
		}
		catch (org.springframework.dao.DataAccessException ex) {
			return 0;
		}
	}

	private int runningOn(long pid) {
		Integer count = this.jdbc
			.queryForObject(
					"select count(*) from market.remote_partitions p join market.workers w "
							+ "on w.worker_id = p.worker_id where w.pid = ? and p.ended_at is null",
					Integer.class, pid);
		return (count != null) ? count : 0;
	}

	private List<Long> startingPartitions() {
		try {
			return this.jdbc
				.queryForList("select step_execution_id from batch_step_execution where status = 'STARTING' "
						+ "and step_name like 'minute_1m.load.worker:%'", Long.class);
		}
		catch (org.springframework.dao.DataAccessException ex) {
			return List.of();
		}
	}

	private int unitsStored() {
		Integer count = this.jdbc.queryForObject("select count(*) from market.load_units", Integer.class);
		return (count != null) ? count : 0;
	}

	// Starting three worker processes takes a while on a busy machine; when they do not
	// come up, their logs say why.
	private void awaitOrShow(Path logs, java.util.concurrent.Callable<Boolean> condition) throws Exception {
		try {
			await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(condition);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			StringBuilder shown = new StringBuilder();
			for (int i = 0; i < this.workers.size(); i++) {
				shown.append("worker")
					.append(i)
					.append(": ")
					.append(Files.readString(logs.resolve("worker" + i + ".log")));
			}
			throw new AssertionError("the workers did not come up:\n" + shown, ex);
		}
	}

}
