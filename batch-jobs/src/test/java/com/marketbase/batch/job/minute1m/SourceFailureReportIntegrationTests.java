package com.marketbase.batch.job.minute1m;

import java.util.List;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the user sees when a source's answers change shape in the middle of a load: the
 * run's last line and the execution's exit description name the cause, not the
 * framework's "Partition handler returned an unsuccessful step".
 */
@ExtendWith(OutputCaptureExtension.class)
class SourceFailureReportIntegrationTests {

	private static final String SYMBOL = "600000.SH";

	private final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());

	@BeforeEach
	void emptyWarehouse() {
		TestWarehouse.TIMESCALEDB.reset();
	}

	@Test
	void namesAnHtmlPageInTheLastLineAndTheExitDescription(CapturedOutput output) {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults())) {
			sandbox.inject("tushare:stk_mins", "ts_code", SYMBOL, SandboxFault.HTML, 1_000);

			assertThat(run(sandbox)).isEqualTo(1);
		}

		String last = lastLine(output.getErr());
		assertThat(last)
			.containsPattern("minute_1m execution \\d+ FAILED: 1 work unit\\(s\\) failed, the last because Tushare Pro "
					+ "stk_mins failed for now: gave up after \\d+ attempts")
			.contains("answered an HTML page (title 访问受限) instead of JSON")
			.doesNotContain("Partition handler");
		assertThat(exitDescription()).startsWith("1 work unit(s) failed, the last because Tushare Pro stk_mins");
	}

	@Test
	void namesARenamedColumnInsteadOfReportingNoBars(CapturedOutput output) {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults())) {
			sandbox.inject("tushare:stk_mins", "ts_code", SYMBOL, SandboxFault.RENAMED_COLUMN, 1_000);

			assertThat(run(sandbox)).isEqualTo(1);
		}

		assertThat(lastLine(output.getErr()))
			.contains("Tushare Pro refused stk_mins: its answer has no column vol (it sent ")
			.contains("volume")
			.doesNotContain("no bars");
	}

	@Test
	void restartsAnExecutionALostConnectionLeftUnknown(CapturedOutput output) {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults())) {
			sandbox.inject("tushare:stk_mins", "ts_code", SYMBOL, SandboxFault.RENAMED_COLUMN, 1);
			assertThat(run(sandbox)).isEqualTo(1);
			// As a chunk whose transaction could not be rolled back leaves it.
			long id = this.jdbc.queryForObject("select max(job_execution_id) from batch_job_execution", Long.class);
			this.jdbc.update("update batch_job_execution set status = 'UNKNOWN', exit_code = 'UNKNOWN' "
					+ "where job_execution_id = ?", id);
			this.jdbc.update("update batch_step_execution set status = 'UNKNOWN' where job_execution_id = ? "
					+ "and status = 'FAILED'", id);

			assertThat(run(sandbox, "restart=" + id)).isZero();

			assertThat(output.getOut()).contains("Execution " + id + " was left UNKNOWN")
				.contains("goes on from its last committed chunk; marking it FAILED first.")
				.containsPattern("minute_1m execution \\d+: COMPLETED \\(COMPLETED\\)");
			assertThat(output.getErr()).doesNotContain("Manual intervention");
		}
	}

	@Test
	// Without the budget the call would never end: the timeout makes that a failure.
	@org.junit.jupiter.api.Timeout(120)
	void failsAUnitWhoseAnswerNeverEndsAtTheBudgetAndLoadsTheRestOfThePartition(CapturedOutput output) {
		try (Sandbox sandbox = Minute1mRuns.sandbox(SandboxSettings.defaults())) {
			// Headers at once, then a byte every 200 ms for ever: no read times out.
			sandbox.inject("tushare:stk_mins", "ts_code", "600004.SH", SandboxFault.TRICKLE, 1_000);
			long started = System.nanoTime();

			int exitCode = run(sandbox, "--marketbase.sources.tushare.read-timeout=3s",
					"--marketbase.sources.tushare.retry.max-retries=1", "--marketbase.jobs.minute-1m.partitions=1",
					"job=minute_1m", "trade_date=" + Minute1mRuns.DAY, "symbols=600000.SH,600004.SH,600006.SH",
					"source=tushare");

			assertThat(exitCode).isEqualTo(1);
			// Two attempts of 2 s and a retry's pause, not for ever.
			assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
				.isLessThan(java.time.Duration.ofSeconds(40));
			assertThat(sandbox.calls("tushare:stk_mins")).isEqualTo(4);
		}
		assertThat(lastLine(output.getErr())).contains("1 work unit(s) failed")
			.contains("no usable answer from")
			.contains("the answer was not complete within 3 s (the read timeout)");
		assertThat(this.jdbc.queryForList("select symbol || ' ' || status from market.load_units order by symbol",
				String.class))
			.containsExactly("600000.SH complete", "600004.SH failed", "600006.SH complete");
	}

	private static int run(Sandbox sandbox) {
		return run(sandbox, "job=minute_1m", "trade_date=" + Minute1mRuns.DAY, "symbols=" + SYMBOL, "source=tushare");
	}

	private static int run(Sandbox sandbox, String... command) {
		List<String> args = Minute1mRuns.arguments(sandbox, SandboxSettings.TOKEN, command);
		return SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args.toArray(new String[0])));
	}

	private String exitDescription() {
		return this.jdbc.queryForObject(
				"select exit_message from batch_job_execution order by job_execution_id desc limit 1", String.class);
	}

	private static String lastLine(String text) {
		List<String> lines = text.lines().filter((line) -> !line.isBlank()).toList();
		return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
	}

}
