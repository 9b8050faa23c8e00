package com.marketbase.batch.selftest;

import java.util.HashMap;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code selftest} against the sandbox with faults put in, through the real Tushare
 * connector without retries: a dead endpoint, one that stalls past the read timeout and
 * one that answers an HTML page each fail with their class; the others answer, slow above
 * the threshold; a gateway that takes no connection fails as unreachable. Every answer is
 * kept with its run.
 */
@ExtendWith(OutputCaptureExtension.class)
class SelfTestIntegrationTests {

	@Test
	void classesEachFailureAndKeepsEveryAnswerWithItsRun(CapturedOutput output) {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
		try (Sandbox sandbox = ReferenceRuns.sandbox()) {
			sandbox.inject("tushare:daily", SandboxFault.HTTP_500, 100);
			sandbox.inject("tushare:trade_cal", SandboxFault.TIMEOUT, 100);
			sandbox.inject("tushare:adj_factor", SandboxFault.HTML, 100);
			String[] args = ReferenceRuns
				.arguments(sandbox, "--marketbase.sources.tushare.retry.max-retries=0",
						"--marketbase.sources.tushare.read-timeout=1s", "--marketbase.selftest.slow-after=1ms",
						"--marketbase.sources.tdx.base-url=http://127.0.0.1:1", "selftest", "tushare")
				.toArray(new String[0]);

			int exitCode = SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args));

			assertThat(exitCode).isEqualTo(1);
			Map<String, String> classes = new HashMap<>();
			jdbc.query("select endpoint, status || ' ' || coalesce(error_class, '-') from market.selftest_results",
					(rs) -> {
						classes.put(rs.getString(1), rs.getString(2));
					});
			assertThat(classes).containsEntry("daily", "failed http error")
				.containsEntry("trade_cal", "failed timeout")
				.containsEntry("adj_factor", "failed html answer")
				.containsEntry("stock_basic", "slow -");
			assertThat(jdbc.queryForObject(
					"select sample_size from market.selftest_results " + "where endpoint = 'stock_basic'",
					Integer.class))
				.isOne();
			assertThat(jdbc.queryForObject("select checks || ' ' || failed from market.selftest_runs", String.class))
				.isEqualTo(classes.size() + " "
						+ classes.values().stream().filter((value) -> value.startsWith("failed")).count());
			assertThat(output.getOut()).contains("kept in market.selftest_results")
				.doesNotContain(com.marketbase.batch.sandbox.SandboxSettings.TOKEN);

			args[args.length - 1] = "tdx";
			assertThat(SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args))).isEqualTo(1);
			assertThat(
					jdbc.queryForObject(
							"select status || ' ' || error_class from market.selftest_results r "
									+ "join market.selftest_runs s on s.id = r.run_id where s.sources = 'tdx'",
							String.class))
				.isEqualTo("failed unreachable");
		}
	}

}
