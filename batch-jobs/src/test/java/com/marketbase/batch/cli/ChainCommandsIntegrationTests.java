package com.marketbase.batch.cli;

import java.util.List;
import java.util.Map;

import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chain} as an operator runs it: against a sandbox of 50 stocks and 5 ETFs whose
 * {@code index_daily} endpoint answers in a changed format, the index module fails and
 * every other module still runs; the datasets this build does not define are skipped.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChainCommandsIntegrationTests {

	private static final String DAY = "2026-11-20";

	@Test
	void aFailingModuleMarksOnlyItselfAndTheSummaryNamesIt(CapturedOutput output) {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
		try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
			.withUniverse(50, 5, 0)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox, "help")) {
			CliRunner cli = app.getBean(CliRunner.class);
			sandbox.inject("tushare:index_daily", SandboxFault.RENAMED_COLUMN, 1000);

			int exitCode = run(cli, "chain", "trade_date=" + DAY, "source=tushare");

			assertThat(exitCode).as(output.getAll()).isEqualTo(1);
			List<Map<String, Object>> modules = jdbc.queryForList(
					"select job_name, outcome, job_execution_id, reason from market.chain_modules order by position");
			assertThat(modules).extracting((row) -> row.get("job_name") + " " + row.get("outcome"))
				.containsExactly("calendar completed", "instruments completed", "daily completed", "index_daily failed",
						"etf_daily completed", "fut_daily completed", "fut_mapping completed", "sge_daily completed",
						"fx_daily completed", "daily_basic skipped", "moneyflow skipped");
			assertThat(modules.get(9).get("reason").toString()).contains("universeDailyBasicEnabled");
			assertThat(modules.get(3).get("reason").toString())
				.startsWith("Tushare Pro refused index_daily: its answer has no column vol")
				.endsWith("; restart=" + modules.get(3).get("job_execution_id"))
				.doesNotContain("\n");
			assertThat(modules.get(5).get("reason").toString()).startsWith("source: tushare; units: ");
			// Each module is its own job instance with its own outcome.
			assertThat(jdbc.queryForList("select i.job_name || ' ' || e.status from batch_job_execution e "
					+ "join batch_job_instance i on i.job_instance_id = e.job_instance_id order by e.job_execution_id",
					String.class))
				.containsExactly("calendar COMPLETED", "instruments COMPLETED", "daily COMPLETED", "index_daily FAILED",
						"etf_daily COMPLETED", "fut_daily COMPLETED", "fut_mapping COMPLETED", "sge_daily COMPLETED",
						"fx_daily COMPLETED");
			assertThat(output.getOut()).contains("  index_daily: FAILED (execution ")
				.contains("  etf_daily: COMPLETED (execution ")
				.contains("  fut_daily: COMPLETED (execution ")
				.contains("  fx_daily: COMPLETED (execution ");
			assertThat(output.getErr()).contains("8 completed, 1 failed (index_daily), 2 skipped")
				.doesNotContain("\tat ");
			assertThat(jdbc.queryForObject("select count(*) from market.chain_runs where finished_at is not null "
					+ "and trade_date = date '" + DAY + "' and launched_by = 'cli'", Long.class))
				.isOne();

			// Once the source answers again, the same chain resumes the failed module and
			// takes the completed ones as done.
			sandbox.clearFaults();
			assertThat(run(cli, "chain", "trade_date=" + DAY, "source=tushare")).as(output.getAll()).isZero();
			assertThat(jdbc.queryForList("select job_name || ' ' || outcome from market.chain_modules "
					+ "where chain_run_id = (select max(id) from market.chain_runs) and outcome <> 'skipped' "
					+ "order by position", String.class))
				.containsExactly("calendar completed", "instruments completed", "daily completed",
						"index_daily completed", "etf_daily completed", "fut_daily completed", "fut_mapping completed",
						"sge_daily completed", "fx_daily completed");
		}
	}

	@Test
	void refusesParametersTheChainDoesNotHandToItsModules(CapturedOutput output) {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		try (ConfigurableApplicationContext app = org.springframework.boot.SpringApplication.run(
				com.marketbase.batch.BatchJobsApplication.class,
				"--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(), "help")) {
			CliRunner cli = app.getBean(CliRunner.class);

			assertThat(run(cli, "chain", "symbols=600000.SH")).isEqualTo(2);
			assertThat(run(cli, "chain", "trade_date=20261131")).isEqualTo(2);

			assertThat(output.getErr()).contains("Unknown parameter 'symbols' for chain")
				.contains("trade_date '20261131' is not a date")
				.doesNotContain("\tat ");
			assertThat(new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource())
				.queryForObject("select count(*) from market.chain_runs", Long.class)).isZero();
		}
	}

	private static int run(CliRunner cli, String... args) {
		cli.run(new DefaultApplicationArguments(args));
		return cli.getExitCode();
	}

}
