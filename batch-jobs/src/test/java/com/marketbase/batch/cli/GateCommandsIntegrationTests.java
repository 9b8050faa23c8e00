package com.marketbase.batch.cli;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.coverage.CoverageProperties;
import com.marketbase.batch.coverage.CoverageQueries;
import com.marketbase.batch.gate.Gate;
import com.marketbase.batch.gate.GateProperties;
import com.marketbase.batch.gate.GateReport;
import com.marketbase.batch.support.execution.ExecutionOwner;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gate} over a recorded history: index_daily loaded on 2026-11-13 (nothing), 16,
 * 17, 18 (failed that evening, completed on the 23rd), 19, 20 and 23; an etf_daily
 * execution for the 19th left STARTED by a process that is gone. The executions are
 * created through the job repository, so their parameters are stored as every launch
 * stores them.
 */
@ExtendWith(OutputCaptureExtension.class)
class GateCommandsIntegrationTests {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final LocalDate D1 = LocalDate.of(2026, 11, 16);

	private static final LocalDate D3 = LocalDate.of(2026, 11, 18);

	private static final LocalDate D6 = LocalDate.of(2026, 11, 23);

	@Test
	void countsConsecutiveCleanDaysAcrossABrokenDayNowAndAsOfThePast(CapturedOutput output) throws Exception {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		try (ConfigurableApplicationContext app = SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
				"--marketbase.gate.batches[P0]=daily,index_daily,etf_daily", "--marketbase.gate.batches[P1]=fx_daily",
				"help")) {
			JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
			history(jdbc, app.getBean(JobRepository.class));
			Gate gate = app.getBean(Gate.class);

			GateReport asOfD5 = gate.evaluate(3, D3.plusDays(2));
			assertThat(asOfD5.replay()).isTrue();
			assertThat(dataset(asOfD5, "index_daily")).satisfies((index) -> {
				assertThat(index.cleanDays()).isEqualTo(2);
				assertThat(index.brokenDay()).isEqualTo(D3);
				assertThat(index.reason()).matches("execution \\d+ FAILED for it and nothing completed it since");
			});
			assertThat(dataset(asOfD5, "etf_daily")).as(dataset(asOfD5, "etf_daily").toString()).satisfies((etf) -> {
				assertThat(etf.cleanDays()).isEqualTo(1);
				assertThat(etf.reason()).matches("execution \\d+ was left STARTED by a process that no longer runs; "
						+ "restart=\\d+ recovers it");
			});
			// daily owes nothing without stocks: every day looked at is clean.
			assertThat(dataset(asOfD5, "daily").cleanDays()).isEqualTo(6);
			assertThat(asOfD5.batches().get(0).cleanDays()).isEqualTo(1);
			assertThat(dataset(asOfD5, "fx_daily").known()).isTrue();
			assertThat(asOfD5.batches().get(1).passed()).isFalse();

			// As of d2 only what existed by its end counts: d2 and d1, then the 13th,
			// which was never loaded.
			GateReport asOfD2 = gate.evaluate(3, D1.plusDays(1));
			assertThat(dataset(asOfD2, "index_daily")).satisfies((index) -> {
				assertThat(index.cleanDays()).isEqualTo(2);
				assertThat(index.brokenDay()).isEqualTo(LocalDate.of(2026, 11, 13));
				assertThat(index.reason()).startsWith("coverage missing: 0 complete, 0 partial, 1 missing of 1");
			});

			// Now the 18th was completed on the 23rd: six clean days back to the 16th.
			GateReport now = gate.evaluate(3, null);
			assertThat(now.replay()).isFalse();
			assertThat(dataset(now, "index_daily").cleanDays()).isEqualTo(6);
			// A blocking data-quality finding breaks its day as well, from when the rules
			// stored it.
			jdbc.update("insert into market.quality_findings (rule, dataset, symbol, trade_date, severity, detail) "
					+ "values ('ohlc_inconsistent', 'index_daily', '000300.SH', ?, 'blocking', 'high below close')",
					D3);
			assertThat(dataset(gate.evaluate(3, null), "index_daily")).satisfies((index) -> {
				assertThat(index.brokenDay()).isEqualTo(D3);
				assertThat(index.reason()).isEqualTo("1 blocking data-quality finding(s), the first 000300.SH "
						+ "ohlc_inconsistent; 'quality' lists them");
			});
			assertThat(dataset(gate.evaluate(3, D3.plusDays(2)), "index_daily").reason()).as("not stored by then")
				.doesNotContain("data-quality");
			jdbc.update("delete from market.quality_findings");

			// On Friday evening the 20th's GMT FX day is not due before Saturday 09:00:
			// the newest FX day judged is the 19th, which nothing loaded.
			for (LocalDate day = D1; day.isBefore(D6); day = day.plusDays(1)) {
				jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('FXCM', ?, ?)",
						day, day.getDayOfWeek().getValue() <= 5);
			}
			jdbc.update("insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, "
					+ "lot_size) values ('USDCNH.FXCM', 'FXCM', 'fx', 'USDCNH', date '2010-01-04', 0.0001, 1)");
			Clock fridayEvening = Clock.fixed(LocalDate.of(2026, 11, 20).atTime(19, 45).atZone(BEIJING).toInstant(),
					BEIJING);
			Gate evening = new Gate(app.getBean(GateProperties.class), app.getBean(CoverageQueries.class),
					app.getBean(CoverageProperties.class), app.getBean(JobRepository.class),
					TestWarehouse.TIMESCALEDB.dataSource(), fridayEvening);
			assertThat(dataset(evening.evaluate(3, null), "fx_daily").brokenDay())
				.isEqualTo(LocalDate.of(2026, 11, 19));
			jdbc.update("delete from market.instruments where symbol = 'USDCNH.FXCM'");
			jdbc.update("delete from market.trading_calendar where exchange = 'FXCM'");

			CliRunner cli = app.getBean(CliRunner.class);
			assertThat(run(cli, "gate", "--as-of", "2026-11-20", "--days", "1")).isEqualTo(1);
			jdbc.update("update batch_job_execution set status = 'FAILED', end_time = create_time "
					+ "where status = 'STARTED'");
			assertThat(run(cli, "gate", "--as-of=2026-11-20", "--days=2")).isEqualTo(1);
			assertThat(output.getOut()).contains("gate as of 2026-11-20 (as the warehouse stood then): 2 consecutive")
				.containsPattern("index_daily +2 clean days; 2026-11-18 not clean: execution \\d+ FAILED")
				.contains("P1: 0 clean days, below 2")
				.contains("fx_daily     0 clean days; 2026-11-20 not clean: coverage cannot judge it: "
						+ "the calendar does not know the day");
		}
	}

	@Test
	void passesWhenEveryBatchHasItsDaysAndRefusesBadInputInOneLine(CapturedOutput output) throws Exception {
		TestWarehouse.TIMESCALEDB.freshlyMigrated();
		try (ConfigurableApplicationContext app = SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
				"--marketbase.gate.batches[P0]=daily,index_daily", "help")) {
			JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
			history(jdbc, app.getBean(JobRepository.class));
			CliRunner cli = app.getBean(CliRunner.class);

			assertThat(run(cli, "gate", "--as-of", "2026-11-20", "--days", "2")).isZero();
			assertThat(run(cli, "gate", "--as-of", "2026-11-20")).isEqualTo(1);
			assertThat(output.getOut()).contains("P0: 2 clean days, passed").contains("P0: 2 clean days, below 3");

			assertThat(run(cli, "gate", "--days", "0")).isEqualTo(2);
			assertThat(run(cli, "gate", "--days", "61")).isEqualTo(2);
			assertThat(run(cli, "gate", "--days", "three")).isEqualTo(2);
			assertThat(run(cli, "gate", "--as-of", "2026-02-30")).isEqualTo(2);
			assertThat(run(cli, "gate", "--as-of", LocalDate.now(BEIJING).plusDays(1).toString())).isEqualTo(2);
			assertThat(run(cli, "gate", "--as-of")).isEqualTo(2);
			assertThat(run(cli, "gate", "--weeks", "3")).isEqualTo(2);
			assertThat(output.getErr()).contains("--days is a whole number from 1 to 60, not '0'.")
				.contains("--days is a whole number from 1 to 60, not '61'.")
				.contains("as-of '2026-02-30' is not a date")
				.contains("as-of lies from 1990-01-01 to today")
				.contains("--as-of needs a value")
				.contains("gate takes --days 1..60 (default 3) and --as-of YYYY-MM-DD (default today), not '--weeks'.")
				.doesNotContain("\tat ");
		}
	}

	private static void history(JdbcTemplate jdbc, JobRepository repository) throws Exception {
		for (LocalDate day = LocalDate.of(2026, 11, 13); !day.isAfter(D6); day = day.plusDays(1)) {
			boolean open = day.getDayOfWeek().getValue() <= 5;
			jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('SSE', ?, ?)", day,
					open);
		}
		jdbc.update("insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, "
				+ "lot_size) values ('000300.SH', 'SSE', 'index', 'CSI 300', date '2020-01-01', 0.01, 1)");
		for (LocalDate day = D1; !day.isAfter(D6); day = day.plusDays(1)) {
			if (day.getDayOfWeek().getValue() > 5) {
				continue;
			}
			JobInstance instance = repository.createJobInstance("index_daily", parameters(day));
			if (day.equals(D3)) {
				execution(jdbc, repository, instance, day, "FAILED", at(day, 17, 5), at(day, 17, 6));
				execution(jdbc, repository, instance, day, "COMPLETED", at(D6, 18, 0), at(D6, 18, 5));
				unit(jdbc, day, at(D6, 18, 5));
			}
			else {
				execution(jdbc, repository, instance, day, "COMPLETED", at(day, 17, 5), at(day, 17, 6));
				unit(jdbc, day, at(day, 17, 6));
			}
		}
		// An etf_daily load of the 19th whose process died: its owner is a process that
		// has ended.
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		LocalDate day = D3.plusDays(1);
		ExecutionContext context = new ExecutionContext();
		context.putString("marketbase.owner", ExecutionOwner.current().host() + ":" + ended.pid());
		JobExecution left = repository.createJobExecution(repository.createJobInstance("etf_daily", parameters(day)),
				parameters(day), context);
		jdbc.update("update batch_job_execution set status = 'STARTED', create_time = ?, start_time = ? "
				+ "where job_execution_id = ?", local(at(day, 17, 10)), local(at(day, 17, 10)), left.getId());
	}

	private static JobParameters parameters(LocalDate day) {
		return new JobParametersBuilder().addLocalDate("start_date", day)
			.addLocalDate("end_date", day)
			.addString("scope", "*")
			.addString("source", "tushare")
			.addString("mode", "incremental")
			.toJobParameters();
	}

	private static void execution(JdbcTemplate jdbc, JobRepository repository, JobInstance instance, LocalDate day,
			String status, ZonedDateTime created, ZonedDateTime ended) {
		JobExecution execution = repository.createJobExecution(instance, parameters(day), new ExecutionContext());
		jdbc.update(
				"update batch_job_execution set status = ?, exit_code = ?, create_time = ?, start_time = ?, "
						+ "end_time = ?, last_updated = ? where job_execution_id = ?",
				status, status, local(created), local(created), local(ended), local(ended), execution.getId());
	}

	private static void unit(JdbcTemplate jdbc, LocalDate day, ZonedDateTime written) {
		jdbc.update(
				"insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, rows_expected, "
						+ "source, updated_at) values ('index_daily', '000300.SH', ?, 'complete', 1, 1, 'tushare', ?)",
				day, Timestamp.from(written.toInstant()));
	}

	private static ZonedDateTime at(LocalDate day, int hour, int minute) {
		return day.atTime(LocalTime.of(hour, minute)).atZone(BEIJING);
	}

	// The job repository keeps local times of the process.
	private static Timestamp local(ZonedDateTime time) {
		return Timestamp.valueOf(time.withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime());
	}

	private static GateReport.DatasetDays dataset(GateReport report, String name) {
		return report.batches()
			.stream()
			.flatMap((batch) -> batch.datasets().stream())
			.filter((dataset) -> dataset.dataset().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static int run(CliRunner cli, String... args) {
		cli.run(new DefaultApplicationArguments(args));
		return cli.getExitCode();
	}

}
