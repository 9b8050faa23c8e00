package com.marketbase.batch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.support.launch.BadDates;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every date the command line takes, swept with the dates a careless user or an attacker
 * types: each is refused before anything runs, with one line and exit 2, and leaves no
 * job instance behind. One application serves the whole sweep; each case runs its command
 * line through the same runner {@code java -jar batch.jar} uses.
 */
@ExtendWith(OutputCaptureExtension.class)
class LaunchInputSweepIntegrationTests {

	/**
	 * Before 4713 BC, past year 9999, the extremes of LocalDate, and outside the window.
	 */
	static final List<String> BAD_DATES = List.of("-4800-01-01", "+999999999-12-31", "-999999999-01-01", "1989-12-31",
			"2099-01-01", "20991231", "0000-01-01");

	private static ConfigurableApplicationContext application;

	private static CliRunner runner;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		TestWarehouse.TIMESCALEDB.reset();
		application = SpringApplication.run(BatchJobsApplication.class,
				"--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
				"--marketbase.sources.default-source=sandbox", "list");
		runner = application.getBean(CliRunner.class);
		jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	static Stream<Arguments> commands() {
		List<Arguments> cases = new ArrayList<>();
		for (String day : BadDates.ALL) {
			for (String[] command : List.of(new String[] { "coverage", "minute_1m", day },
					new String[] { "coverage", "daily", "2026-11-16", day },
					new String[] { "check", "at=" + day + "T18:00" },
					new String[] { "job=minute_1m", "trade_date=" + day, "symbols=600000.SH" },
					new String[] { "job=minute_1m", "start_date=" + day, "end_date=2026-11-20", "exchange=BJ" },
					new String[] { "job=minute_1m", "start_date=2026-11-16", "end_date=" + day, "exchange=BJ" },
					new String[] { "job=daily", "trade_date=" + day },
					new String[] { "job=etf_daily", "trade_date=" + day },
					new String[] { "job=index_daily", "start_date=" + day, "end_date=2026-11-20" },
					new String[] { "job=calendar", "start_date=" + day, "end_date=2026-11-20" },
					new String[] { "job=instruments", "trade_date=" + day })) {
				cases.add(Arguments.of(String.join(" ", command), command));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("commands")
	void refusesEveryDateOutsideTheWindowInOneLineBeforeAnythingRuns(String shown, String[] command,
			CapturedOutput output) throws Exception {
		long instances = instances();
		int errorsBefore = output.getErr().length();

		assertThat(run(command)).as(shown).isEqualTo(JobCommands.EXIT_REFUSED);

		String said = output.getErr().substring(errorsBefore);
		assertThat(said).as(shown).doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(said.lines().filter((line) -> !line.isBlank()).count()).as(shown).isEqualTo(1);
		assertThat(said).as(shown).containsPattern("(is not a date|outside the days|not a local date and time)");
		assertThat(instances()).as(shown).isEqualTo(instances);
	}

	@ParameterizedTest(name = "job=minute_1m trade_date={0}")
	@MethodSource("daysTheCalendarDoesNotKnow")
	void refusesDaysTheCalendarDoesNotKnowWithExit2(String day, CapturedOutput output) throws Exception {
		long instances = instances();

		assertThat(run("job=minute_1m", "trade_date=" + day, "symbols=600000.SH", "source=sandbox"))
			.isEqualTo(JobCommands.EXIT_REFUSED);

		assertThat(output.getErr()).contains("calendar (from sandbox) does not know").doesNotContain("\tat ");
		assertThat(instances()).isEqualTo(instances);
		// The sandbox answers only the years it knows, as a real source would.
		assertThat(jdbc.queryForObject("select count(*) from market.trading_calendar where cal_date = ?::date "
				+ "and exchange not in ('QUARTER', 'MONTH')", Integer.class, day))
			.isZero();
	}

	static Stream<String> daysTheCalendarDoesNotKnow() {
		return Stream.of("1990-01-02", "2023-11-30", "2027-06-01");
	}

	@Test
	void refusesBlankValuesAsTheConsoleDoes(CapturedOutput output) throws Exception {
		assertThat(run("job=minute_1m", "exchange= ", "trade_date=2026-11-20")).isEqualTo(JobCommands.EXIT_REFUSED);
		assertThat(output.getErr()).contains("exchange is blank; give it a value or leave it out.");
	}

	@Test
	void asksForForceWhenAPlanExceedsTheCallCeiling(CapturedOutput output) throws Exception {
		long instances = instances();

		// The whole market for almost three years: far more than the default ceiling of
		// 30,000.
		assertThat(run("job=minute_1m", "start_date=2024-01-02", "end_date=2026-11-20", "source=sandbox"))
			.isEqualTo(JobCommands.EXIT_REFUSED);

		assertThat(output.getErr()).containsPattern("minute_1m would make up to \\d+ source calls, more than the")
			.contains("add force=true to go ahead");
		assertThat(instances()).isEqualTo(instances);
	}

	private static long instances() {
		return jdbc.queryForObject("select count(*) from batch_job_instance", Long.class);
	}

	private static int run(String... command) throws Exception {
		runner.run(new DefaultApplicationArguments(command));
		return runner.getExitCode();
	}

}
