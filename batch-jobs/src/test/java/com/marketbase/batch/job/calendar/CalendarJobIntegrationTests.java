package com.marketbase.batch.job.calendar;

import com.marketbase.batch.job.reference.ReferenceRuns;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * calendar end to end against the local TimescaleDB and a sandbox spoken to through the
 * real Tushare connector; the sandbox has the exchanges' announced holidays for 2024 to
 * 2026.
 */
@ExtendWith(OutputCaptureExtension.class)
class CalendarJobIntegrationTests {

	private static final Map<String, String> THREE_YEARS = Map.of("start_date", "2024-01-01", "end_date", "2026-12-31",
			"exchanges", "SSE,SZSE", "source", "tushare");

	private final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());

	@BeforeEach
	void emptyWarehouse() {
		TestWarehouse.TIMESCALEDB.reset();
	}

	@Test
	void loadsThreeYearsOfBothExchangesWithHolidaysAndMakeUpDaysClosed() throws Exception {
		try (Sandbox sandbox = ReferenceRuns.sandbox();
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox)) {
			JobExecution execution = ReferenceRuns.launch(app, "calendar", THREE_YEARS);

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitDescription())
				.isEqualTo("source: tushare; 2024-01-01 to 2026-12-31: SSE 1096 of 1096 days, 727 open; "
						+ "SZSE 1096 of 1096 days, 727 open.");
			for (String exchange : List.of("SSE", "SZSE")) {
				assertThat(openDaysPerYear(exchange)).containsExactly(Map.entry(2024, 242), Map.entry(2025, 243),
						Map.entry(2026, 242));
			}
			// Weekend make-up working days stay closed on the exchanges; the holidays
			// around them are closed as well.
			for (String closed : List.of("2024-02-04", "2024-02-18", "2024-10-12", "2024-02-12", "2025-10-08")) {
				assertThat(isOpen("SSE", closed)).as(closed).isFalse();
			}
			assertThat(isOpen("SSE", "2024-02-08")).isTrue();
			assertThat(this.jdbc.queryForObject("select previous_open_date from market.trading_calendar "
					+ "where exchange = 'SSE' and cal_date = '2024-02-19'", LocalDate.class))
				.isEqualTo(LocalDate.of(2024, 2, 8));
			String loaded = fingerprint();

			// The same launch is one job instance: done once, it is not loaded twice.
			assertThatExceptionOfType(JobInstanceAlreadyCompleteException.class)
				.isThrownBy(() -> ReferenceRuns.launch(app, "calendar", THREE_YEARS));

			Map<String, String> forced = new java.util.HashMap<>(THREE_YEARS);
			forced.put("force", "true");
			assertThat(ReferenceRuns.launch(app, "calendar", forced).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(fingerprint()).isEqualTo(loaded);
		}
	}

	@Test
	void loadsTheSameCalendarFromTheEmbeddedSandboxAndFromTdx() throws Exception {
		try (Sandbox sandbox = ReferenceRuns.sandbox();
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox,
						"--marketbase.sources.tdx.base-url=" + sandbox.baseUrl())) {
			Map<String, String> year = Map.of("start_date", "2024-01-01", "end_date", "2024-12-31", "source",
					"sandbox");

			assertThat(ReferenceRuns.launch(app, "calendar", year).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(openDaysPerYear("SSE")).containsExactly(Map.entry(2024, 242));
			String fromTushare = fingerprint();

			Map<String, String> fromTdx = new java.util.HashMap<>(year);
			fromTdx.put("source", "tdx");
			// The same warehouse holds the sandbox's calendar; the comparison mixes them
			// on purpose.
			fromTdx.put("allow-mixed-sources", "true");
			JobExecution execution = ReferenceRuns.launch(app, "calendar", fromTdx);

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
			assertThat(fingerprint()).isEqualTo(fromTushare);
			assertThat(this.jdbc.queryForObject("select previous_open_date from market.trading_calendar "
					+ "where exchange = 'SSE' and cal_date = '2024-01-02'", LocalDate.class))
				.isEqualTo(LocalDate.of(2023, 12, 29));
		}
	}

	@Test
	void keepsARejectedDayAndSaysTheCalendarIsShort() throws Exception {
		try (Sandbox sandbox = ReferenceRuns.sandbox();
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox)) {
			sandbox.inject("tushare:trade_cal", SandboxFault.IMPOSSIBLE_ROWS, 1);

			JobExecution execution = ReferenceRuns.launch(app, "calendar",
					Map.of("start_date", "2026-01-01", "end_date", "2026-12-31", "source", "tushare"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitCode()).isEqualTo("INCOMPLETE");
			assertThat(execution.getExitStatus().getExitDescription()).isEqualTo(
					"The source left days out; source: tushare; 2026-01-01 to 2026-12-31: SSE 364 of 365 days, 241 open; "
							+ "1 rows rejected, see market.rejected_rows.");
			assertThat(this.jdbc.queryForList(
					"select dataset || ' ' || source || ' ' || payload " + "from market.rejected_rows", String.class))
				.singleElement()
				.asString()
				.startsWith("calendar tushare ")
				.contains("20241345");
		}
	}

	@Test
	void restartsAFailedLoadToTheSameCalendar() throws Exception {
		try (Sandbox sandbox = ReferenceRuns.sandbox();
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox,
						"--marketbase.sources.tushare.retry.max-retries=0")) {
			sandbox.inject("tushare:trade_cal", SandboxFault.HTTP_500, 1);

			JobExecution failed = ReferenceRuns.launch(app, "calendar", THREE_YEARS);

			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			// Of the exchanges' calendars, that is: the period calendars are computed.
			assertThat(this.jdbc.queryForObject(
					"select count(*) from market.trading_calendar where exchange not in ('QUARTER', 'MONTH')",
					Integer.class))
				.isZero();
			JobExecution restarted = app.getBean(JobOperator.class).restart(failed);
			assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(openDaysPerYear("SZSE")).containsExactly(Map.entry(2024, 242), Map.entry(2025, 243),
					Map.entry(2026, 242));
		}
	}

	@Test
	void loadsTheFuturesExchangesCalendarsOncePerScheduledDay() throws Exception {
		try (Sandbox sandbox = ReferenceRuns.sandbox();
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox)) {
			Map<String, String> scheduled = Map.of("trade_date", "2025-06-03", "exchanges", "CFFEX,SHFE,CZCE,DCE,INE",
					"source", "tushare");

			JobExecution execution = ReferenceRuns.launch(app, "calendar", scheduled);

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitDescription()).isEqualTo(
					"source: tushare; 2025-01-01 to 2025-12-31: CFFEX 365 of 365 days, 243 open; CZCE 365 of 365 days, 243 open; "
							+ "DCE 365 of 365 days, 243 open; INE 365 of 365 days, 243 open; "
							+ "SHFE 365 of 365 days, 243 open.");
			for (String exchange : List.of("CFFEX", "SHFE", "CZCE", "DCE", "INE")) {
				assertThat(openDaysPerYear(exchange)).containsExactly(Map.entry(2025, 243));
				assertThat(isOpen(exchange, "2025-10-08")).as(exchange).isFalse();
				assertThat(this.jdbc.queryForObject("select previous_open_date from market.trading_calendar "
						+ "where exchange = ? and cal_date = '2025-10-09'", LocalDate.class, exchange))
					.isEqualTo(LocalDate.of(2025, 9, 30));
			}
			String loaded = fingerprint();

			// The same day is one instance; the next day is another, storing the same.
			assertThatExceptionOfType(JobInstanceAlreadyCompleteException.class)
				.isThrownBy(() -> ReferenceRuns.launch(app, "calendar", scheduled));
			Map<String, String> nextDay = new java.util.HashMap<>(scheduled);
			nextDay.put("trade_date", "2025-06-04");
			assertThat(ReferenceRuns.launch(app, "calendar", nextDay).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(fingerprint()).isEqualTo(loaded);
		}
	}

	@Test
	void refusesBadParametersOnTheCommandLineWithOneSentence(CapturedOutput output) {
		try (Sandbox sandbox = ReferenceRuns.sandbox()) {
			List<String> args = ReferenceRuns.arguments(sandbox, "job=calendar", "start_date=2026-02-30");

			int exitCode = SpringApplication
				.exit(SpringApplication.run(BatchJobsApplication.class, args.toArray(new String[0])));

			assertThat(exitCode).isEqualTo(2);
			assertThat(output.getErr())
				.containsOnlyOnce("start_date '2026-02-30' is not a date; use YYYY-MM-DD, for example 2026-11-20.")
				.doesNotContain("\tat ");
			assertThat(this.jdbc.queryForObject("select count(*) from batch_job_execution", Integer.class)).isZero();
		}
	}

	private Map<Integer, Integer> openDaysPerYear(String exchange) {
		Map<Integer, Integer> counts = new java.util.TreeMap<>();
		this.jdbc.query("select extract(year from cal_date)::int, count(*) filter (where is_open) "
				+ "from market.trading_calendar where exchange = ? group by 1", (rs) -> {
					counts.put(rs.getInt(1), rs.getInt(2));
				}, exchange);
		return counts;
	}

	private boolean isOpen(String exchange, String day) {
		Boolean open = this.jdbc.queryForObject(
				"select is_open from market.trading_calendar where exchange = ? and cal_date = ?", Boolean.class,
				exchange, LocalDate.parse(day));
		return Boolean.TRUE.equals(open);
	}

	private String fingerprint() {
		return this.jdbc.queryForObject("select count(*) || ' ' || md5(string_agg(exchange || cal_date || is_open "
				+ "|| coalesce(previous_open_date::text, '-'), ',' order by exchange, cal_date)) "
				+ "from market.trading_calendar", String.class);
	}

}
