package com.marketbase.batch.job.macro;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareTable;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * macro end to end against the sandbox through the real Tushare connector: every figure
 * with the release day the economic calendar gives, or its series' lag where the calendar
 * misses it; nothing visible through {@code market.macro_as_of} before that day; and a
 * revised figure kept as a new version beside the first.
 */
class MacroIntegrationTests {

	private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void everyFigureHasItsReleaseDayAndIsInvisibleBefore(TestWarehouse warehouse) throws Exception {
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		try (Sandbox served = Sandbox.start(SandboxSettings.defaults().withUniverse(20, 2, 0));
				ConfigurableApplicationContext app = app(warehouse, served)) {
			JobExecution execution = ReferenceRuns.launch(app, "macro",
					Map.of("start_date", "2024-01-01", "end_date", "2025-12-31", "mode", "full", "source", "tushare"));
			assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);

			TushareClient client = ReferenceRuns.client(served);
			Map<String, Map<String, Object>> questions = Map.of("cn_gdp",
					Map.of("start_q", "2024Q1", "end_q", "2025Q4"), "cn_cpi", months(), "cn_ppi", months(), "cn_m",
					months(), "shibor", days(), "shibor_lpr", days(), "us_tycr", days());
			questions.forEach((series,
					params) -> assertThat(
							count(jdbc, "select count(*) from market.macro_values where series = '" + series + "'"))
						.as(series)
						.isEqualTo(client.call(series, params, List.of()).size()));

			// CPI: the calendar's release day where it lists one, else 16 days after the
			// month; both occur, since the calendar misses some releases.
			TushareTable releases = client.call("eco_cal",
					Map.of("start_date", "20240101", "end_date", "20260315", "currency", "CNY", "event", "CPI"),
					List.of("date", "event"));
			assertThat(releases.size()).isBetween(1, 99);
			Map<String, Integer> how = new HashMap<>();
			jdbc.query("select period_date, available_date, available_from from market.macro_values "
					+ "where series = 'cn_cpi'", (rs) -> {
						LocalDate month = rs.getObject(1, LocalDate.class);
						LocalDate expected = month.plusDays(16);
						String from = "lag_rule";
						Pattern name = Pattern.compile("(^|[^0-9])" + month.getMonthValue() + "月");
						for (TushareTable.Row release : releases.named()) {
							LocalDate day = LocalDate.parse(release.get("date").asString(), COMPACT);
							if (day.isAfter(month) && !day.isAfter(month.plusDays(75))
									&& name.matcher(release.get("event").asString()).find()) {
								expected = day;
								from = "calendar";
								break;
							}
						}
						assertThat(rs.getObject(2, LocalDate.class)).as(month.toString()).isEqualTo(expected);
						assertThat(rs.getString(3)).isEqualTo(from);
						how.merge(from, 1, Integer::sum);
					});
			assertThat(how).containsOnlyKeys("calendar", "lag_rule");

			// Nothing is visible before its day, and everything is from it: every day of
			// a
			// quarter, every series.
			for (LocalDate day = LocalDate.of(2025, 1, 1); !day.isAfter(LocalDate.of(2025, 3, 31)); day = day
				.plusDays(1)) {
				for (String series : questions.keySet()) {
					assertThat(
							jdbc.queryForList("select period_date from market.macro_as_of(?, ?) order by period_date",
									LocalDate.class, series, day))
						.as(series + " as of " + day)
						.isEqualTo(jdbc.queryForList(
								"select period_date from market.macro_values "
										+ "where series = ? and available_date <= ? order by period_date",
								LocalDate.class, series, day));
				}
			}
			assertThat(count(jdbc, "select count(*) from market.macro_values where available_date < period_date"))
				.isZero();
			// Read long after the next quarter's release, a GDP figure is the final one
			// and
			// is dated from that release, never from the preliminary's day.
			assertThat(count(jdbc, "select count(*) from market.macro_values where series = 'cn_gdp' "
					+ "and available_date <= (period_date + interval '3 months')::date"))
				.isZero();
			// GDP owes nothing in the months between quarters.
			assertThat(
					jdbc.queryForList(
							"select distinct status from market.load_units where dataset = 'macro' "
									+ "and symbol = 'cn_gdp' and extract(month from trade_date)::int % 3 <> 0",
							String.class))
				.containsExactly("suspended");
		}
	}

	@Test
	void aRevisedFigureIsANewVersionKnownFromTheDayItWasLoaded() throws Exception {
		TestWarehouse warehouse = TestWarehouse.EMBEDDED;
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		SandboxSettings before = SandboxSettings.defaults().withUniverse(20, 2, 0).withToday(LocalDate.of(2025, 5, 10));
		Sandbox served = Sandbox.start(before);
		int port = served.port();
		Map<String, String> quarter = Map.of("start_date", "2025-01-01", "end_date", "2025-03-31", "mode", "full",
				"source", "tushare");
		try (ConfigurableApplicationContext app = app(warehouse, served)) {
			assertThat(ReferenceRuns.launch(app, "macro", quarter).getStatus()).isEqualTo(BatchStatus.COMPLETED);
			long cpi = count(jdbc, "select count(*) from market.macro_values where series = 'cn_cpi'");
			String preliminary = jdbc.queryForObject(
					"select figures ->> 'gdp' from market.macro_values where series = 'cn_gdp'", String.class);
			LocalDate released = jdbc.queryForObject(
					"select available_date from market.macro_values where series = 'cn_gdp'", LocalDate.class);
			served.close();

			// After the next quarter's release, the source serves Q1's final figure.
			served = Sandbox.start(before.withPort(port).withToday(LocalDate.of(2025, 8, 1)));
			Map<String, String> again = new HashMap<>(quarter);
			again.put("force", "true");
			assertThat(ReferenceRuns.launch(app, "macro", again).getStatus()).isEqualTo(BatchStatus.COMPLETED);

			assertThat(jdbc.queryForList("select available_from from market.macro_values where series = 'cn_gdp' "
					+ "order by available_date", String.class))
				.hasSize(2)
				.last()
				.isEqualTo("revision");
			String revised = jdbc.queryForObject("select figures ->> 'gdp' from market.macro_values "
					+ "where series = 'cn_gdp' and available_from = 'revision'", String.class);
			LocalDate revisedOn = jdbc.queryForObject("select available_date from market.macro_values "
					+ "where series = 'cn_gdp' and available_from = 'revision'", LocalDate.class);
			assertThat(revised).isNotEqualTo(preliminary);
			assertThat(revisedOn).isAfter(released);
			String gdp = "select figures ->> 'gdp' from market.macro_as_of('cn_gdp', ?)";
			assertThat(jdbc.queryForList(gdp, String.class, released.minusDays(1))).isEmpty();
			assertThat(jdbc.queryForObject(gdp, String.class, released)).isEqualTo(preliminary);
			assertThat(jdbc.queryForObject(gdp, String.class, revisedOn.minusDays(1))).isEqualTo(preliminary);
			assertThat(jdbc.queryForObject(gdp, String.class, revisedOn)).isEqualTo(revised);
			// The figures that did not change add no version.
			assertThat(count(jdbc, "select count(*) from market.macro_values where series = 'cn_cpi'")).isEqualTo(cpi);
		}
		finally {
			served.close();
		}
	}

	@Test
	void theAsOfFunctionAnswersTheSameInTheTslMode() {
		TestWarehouse warehouse = TestWarehouse.TIMESCALEDB_TSL;
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		String insert = "insert into market.macro_values (series, period_date, period, available_date, available_from, "
				+ "figures, source, load_batch_id) values ('cn_cpi', date '2025-10-31', '202510', ?, ?, "
				+ "cast(? as jsonb), 'sandbox', 1)";
		jdbc.update(insert, LocalDate.of(2025, 11, 10), "calendar", "{\"nt_yoy\": 0.2}");
		jdbc.update(insert, LocalDate.of(2025, 12, 2), "revision", "{\"nt_yoy\": 0.3}");
		String yoy = "select figures ->> 'nt_yoy' from market.macro_as_of('cn_cpi', ?)";
		assertThat(jdbc.queryForList(yoy, String.class, LocalDate.of(2025, 11, 9))).isEmpty();
		assertThat(jdbc.queryForObject(yoy, String.class, LocalDate.of(2025, 11, 10))).isEqualTo("0.2");
		assertThat(jdbc.queryForObject(yoy, String.class, LocalDate.of(2025, 12, 2))).isEqualTo("0.3");
	}

	private static Map<String, Object> months() {
		return Map.of("start_m", "202401", "end_m", "202512");
	}

	private static Map<String, Object> days() {
		return Map.of("start_date", "20240101", "end_date", "20251231");
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Number count = jdbc.queryForObject(sql, Number.class);
		return (count != null) ? count.longValue() : 0;
	}

	private static ConfigurableApplicationContext app(TestWarehouse warehouse, Sandbox served) {
		return SpringApplication.run(BatchJobsApplication.class, "--spring.datasource.url=" + warehouse.jdbcUrl(),
				"--marketbase.sources.tushare.base-url=" + served.baseUrl(),
				"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
				"--marketbase.sources.tushare.calls-per-minute[default]=1000000");
	}

}
