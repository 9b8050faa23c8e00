package com.marketbase.batch.job.crossasset;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareTable;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * fut_daily, fut_mapping, sge_daily and fx_daily end to end against the sandbox, through
 * the real Tushare connector, in the plain and the TimescaleDB (Apache) warehouse. The
 * owed units are counted here from the calendars and listing windows, and the amounts
 * from the sandbox's raw answers, independently of the application.
 */
class CrossAssetDailyIntegrationTests {

	/**
	 * IF2412 and IC2412 expire on 2024-12-20; the IF main contract rolls to IF2503 on
	 * 2024-12-13, a week before.
	 */
	private static final LocalDate DECEMBER = LocalDate.of(2024, 12, 1);

	/** January 2025 has Chinese holidays on weekdays, on which FX still trades. */
	private static final LocalDate JANUARY = LocalDate.of(2025, 1, 1);

	private static final Map<String, String> CALENDARS = Map.of("fut_daily", "CFFEX", "fut_mapping", "CFFEX",
			"sge_daily", "SSE", "fx_daily", "FXCM");

	private static final Map<String, String> CLASSES = Map.of("fut_daily", "future", "fut_mapping", "future_main",
			"sge_daily", "spot", "fx_daily", "fx");

	private static final Map<String, String> TABLES = Map.of("fut_daily", "market.bars_futures_daily", "fut_mapping",
			"market.futures_mapping", "sge_daily", "market.bars_spot_daily", "fx_daily", "market.bars_fx_daily");

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void aMonthOfEachDatasetLoadsEveryOwedUnitOnceAndASecondRunMakesNoCall(TestWarehouse warehouse) throws Exception {
		JdbcTemplate jdbc = fresh(warehouse);
		ConfigurableApplicationContext app = app(warehouse);
		loadInstruments(app);
		for (String dataset : List.of("fut_daily", "fut_mapping", "sge_daily", "fx_daily")) {
			LocalDate first = dataset.equals("fx_daily") ? JANUARY : DECEMBER;
			LocalDate last = first.plusMonths(1).minusDays(1);
			Map<String, Long> before = served.counts();

			JobExecution execution = ReferenceRuns.launch(app, dataset, month(first));

			assertThat(execution.getExitStatus().getExitCode()).as(dataset + ": " + execution.getExitStatus())
				.isEqualTo("COMPLETED");
			int owed = owedUnits(jdbc, dataset, first, last);
			assertThat(owed).as(dataset + " owes something").isPositive();
			assertThat(count(jdbc, "select count(*) from market.load_units where dataset = '" + dataset + "'"))
				.as(dataset + " units")
				.isEqualTo(owed);
			assertThat(count(jdbc,
					"select count(*) from market.load_units where dataset = '" + dataset + "' and status = 'complete'"))
				.as(dataset + " complete units")
				.isEqualTo(owed);
			assertThat(count(jdbc, "select count(*) from " + TABLES.get(dataset))).as(dataset + " rows")
				.isEqualTo(owed);
			assertThat(count(jdbc, "select count(*) from " + TABLES.get(dataset) + " where source <> 'tushare'"))
				.isZero();
			assertThat(served.counts()).as(dataset + " called the source").isNotEqualTo(before);

			Map<String, Long> beforeSecond = served.counts();
			JobExecution second = ReferenceRuns.launch(app, dataset, forced(month(first)));

			assertThat(second.getExitStatus().getExitDescription()).startsWith("Nothing was missing");
			assertThat(served.counts()).as(dataset + ": calls of the second run").isEqualTo(beforeSecond);
		}
		// Futures amounts: the source's 10,000 CNY, stored in CNY.
		TushareClient client = ReferenceRuns.client(served);
		BigDecimal sourceAmount = BigDecimal.ZERO;
		for (LocalDate day : openDays(jdbc, "CFFEX", DECEMBER, DECEMBER.plusMonths(1).minusDays(1))) {
			for (String exchange : List.of("CFFEX", "SHFE", "DCE", "CZCE", "INE", "GFEX")) {
				sourceAmount = sourceAmount.add(sum(client.call("fut_daily",
						Map.of("exchange", exchange, "trade_date", compact(day)), List.of("amount")), "amount"));
			}
		}
		assertThat(sourceAmount.signum()).isPositive();
		assertThat(jdbc.queryForObject("select sum(amount) from market.bars_futures_daily", BigDecimal.class))
			.isEqualByComparingTo(sourceAmount.multiply(BigDecimal.valueOf(10_000)));
		// SGE amounts come in CNY and stay so; volume in kg.
		TushareTable spot = client.call("sge_daily", Map.of("start_date", "20241201", "end_date", "20241231"),
				List.of("amount", "vol"));
		assertThat(jdbc.queryForObject("select sum(amount) from market.bars_spot_daily", BigDecimal.class))
			.isEqualByComparingTo(sum(spot, "amount"));
		assertThat(jdbc.queryForObject("select sum(volume_kg) from market.bars_spot_daily", BigDecimal.class))
			.isEqualByComparingTo(sum(spot, "vol"));
		// FX dates are the source's GMT dates, on weekdays: the Spring Festival weekdays
		// have bars, the weekends none.
		TushareTable usdcnh = client.call("fx_daily",
				Map.of("ts_code", "USDCNH.FXCM", "start_date", "20250101", "end_date", "20250131"),
				List.of("trade_date"));
		List<LocalDate> sourceDays = new ArrayList<>();
		usdcnh.named()
			.forEach((row) -> sourceDays.add(LocalDate.parse(row.get("trade_date").asString(),
					java.time.format.DateTimeFormatter.BASIC_ISO_DATE)));
		assertThat(jdbc.queryForList("select trade_date from market.bars_fx_daily where symbol = 'USDCNH.FXCM'",
				LocalDate.class))
			.containsExactlyInAnyOrderElementsOf(sourceDays)
			.contains(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 29))
			.allMatch((day) -> day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY);
		assertThat(count(jdbc, "select count(distinct symbol) from market.bars_fx_daily")).isEqualTo(6);
		assertThat(count(jdbc, "select count(*) from market.fx_daily_mid where not (low <= close and close <= high)"))
			.isZero();
	}

	@Test
	void contractsOweExactlyTheirListingWindowAndTheMainSeriesSwitchesOnTheMappingsDay() throws Exception {
		JdbcTemplate jdbc = fresh(TestWarehouse.TIMESCALEDB);
		ConfigurableApplicationContext app = app(TestWarehouse.TIMESCALEDB);
		loadInstruments(app);
		assertThat(ReferenceRuns.launch(app, "fut_daily", month(DECEMBER)).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(ReferenceRuns.launch(app, "fut_daily", month(LocalDate.of(2025, 12, 1))).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(ReferenceRuns.launch(app, "fut_mapping", month(DECEMBER)).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);

		// IF2412 expires on Friday 2024-12-20: owed up to that day, not after.
		assertThat(unitDays(jdbc, "fut_daily", "IF2412.CFX"))
			.isEqualTo(openDays(jdbc, "CFFEX", DECEMBER, LocalDate.of(2024, 12, 20)));
		// IF2612 lists on 2025-12-18: owed from that day, not before.
		assertThat(unitDays(jdbc, "fut_daily", "IF2612.CFX"))
			.isEqualTo(openDays(jdbc, "CFFEX", LocalDate.of(2025, 12, 18), LocalDate.of(2025, 12, 31)));
		assertThat(count(jdbc, "select count(*) from market.bars_futures_daily where symbol = 'IF2412.CFX' "
				+ "and delivery_settle is not null"))
			.isEqualTo(1);
		// IC.CFX has no contract after IC2412: its main code is owed up to the 20th.
		assertThat(unitDays(jdbc, "fut_mapping", "IC.CFX"))
			.isEqualTo(openDays(jdbc, "CFFEX", DECEMBER, LocalDate.of(2024, 12, 20)));

		Map<LocalDate, String> mapped = new LinkedHashMap<>();
		jdbc.query("select trade_date, contract from market.futures_mapping where main_symbol = 'IF.CFX' "
				+ "order by trade_date", (rs) -> {
					mapped.put(rs.getObject(1, LocalDate.class), rs.getString(2));
				});
		LocalDate roll = mapped.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().equals("IF2412.CFX"))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
		assertThat(roll).isEqualTo(LocalDate.of(2024, 12, 13));
		LocalDate dayBefore = LocalDate.of(2024, 12, 12);
		for (LocalDate day : List.of(dayBefore, roll)) {
			Map<String, Object> main = jdbc.queryForMap(
					"select contract, close from market.futures_main_daily where symbol = 'IF.CFX' and trade_date = ?",
					day);
			String contract = day.equals(roll) ? "IF2503.CFX" : "IF2412.CFX";
			assertThat(main.get("contract")).isEqualTo(contract);
			assertThat((BigDecimal) main.get("close")).isEqualByComparingTo(jdbc.queryForObject(
					"select close from market.bars_futures_daily where symbol = ? and trade_date = ?", BigDecimal.class,
					contract, day));
		}
		assertThat(count(jdbc, "select count(*) from market.futures_main_daily where symbol = 'IF.CFX' "
				+ "and trade_date between '2024-12-01' and '2024-12-31'"))
			.isEqualTo(mapped.size());
	}

	@Test
	void healsExactlyTheDeletedRows() throws Exception {
		JdbcTemplate jdbc = fresh(TestWarehouse.TIMESCALEDB);
		ConfigurableApplicationContext app = app(TestWarehouse.TIMESCALEDB);
		loadInstruments(app);
		for (String dataset : List.of("fut_daily", "sge_daily", "fx_daily")) {
			assertThat(ReferenceRuns.launch(app, dataset, month(DECEMBER)).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
			String table = TABLES.get(dataset);
			String all = fingerprint(jdbc, table);
			Map<String, String> stamps = stamps(jdbc, table);
			int deleted = jdbc.update("delete from " + table + " where (symbol, trade_date) in (select symbol, "
					+ "trade_date from " + table + " order by md5(symbol || trade_date) limit 5)");
			assertThat(deleted).isEqualTo(5);

			JobExecution heal = ReferenceRuns.launch(app, dataset, forced(month(DECEMBER)));

			assertThat(heal.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
			assertThat(heal.getExitStatus().getExitDescription()).contains("units: 5 complete");
			assertThat(fingerprint(jdbc, table)).as(dataset).isEqualTo(all);
			Map<String, String> after = stamps(jdbc, table);
			long rewritten = after.entrySet()
				.stream()
				.filter((entry) -> !entry.getValue().equals(stamps.get(entry.getKey())))
				.count();
			assertThat(rewritten).as(dataset + " rows written again").isEqualTo(5);
		}
	}

	@Test
	void refusesAnFxDayWhoseGmtDayIsNotOverAndCodesOfAnotherClass() {
		ConfigurableApplicationContext app = app(TestWarehouse.TIMESCALEDB);
		fresh(TestWarehouse.TIMESCALEDB);
		var launch = app.getBeansOfType(com.marketbase.batch.support.launch.JobLaunch.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.jobName().equals("fx_daily"))
			.findFirst()
			.orElseThrow();
		String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> launch.parameters(Map.of("trade_date", today, "source", "tushare")))
			.withMessageStartingWith("fx_daily has no data for " + today + " yet")
			.withMessageNotContaining("\n");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> launch.parameters(Map.of("trade_date", "2025-01-02", "symbols", "Au99.99")))
			.withMessageContaining("FX pairs in Tushare form");
	}

	// The owed units counted from the calendar and the listing windows alone.
	private static int owedUnits(JdbcTemplate jdbc, String dataset, LocalDate first, LocalDate last) {
		List<LocalDate> days = openDays(jdbc, CALENDARS.get(dataset), first, last);
		int owed = 0;
		for (Map<String, Object> row : jdbc.queryForList(
				"select list_date, delist_date from market.instruments where asset_class = ?", CLASSES.get(dataset))) {
			LocalDate listed = (row.get("list_date") != null) ? ((java.sql.Date) row.get("list_date")).toLocalDate()
					: null;
			LocalDate delisted = (row.get("delist_date") != null)
					? ((java.sql.Date) row.get("delist_date")).toLocalDate() : null;
			for (LocalDate day : days) {
				owed += ((listed != null && listed.isAfter(day)) || (delisted != null && !day.isBefore(delisted))) ? 0
						: 1;
			}
		}
		return owed;
	}

	private static List<LocalDate> openDays(JdbcTemplate jdbc, String exchange, LocalDate first, LocalDate last) {
		return jdbc.queryForList("select cal_date from market.trading_calendar where exchange = ? and is_open "
				+ "and cal_date between ? and ? order by cal_date", LocalDate.class, exchange, first, last);
	}

	private static List<LocalDate> unitDays(JdbcTemplate jdbc, String dataset, String symbol) {
		return jdbc.queryForList(
				"select trade_date from market.load_units where dataset = ? and symbol = ? order by trade_date",
				LocalDate.class, dataset, symbol);
	}

	private static BigDecimal sum(TushareTable table, String column) {
		BigDecimal sum = BigDecimal.ZERO;
		for (TushareTable.Row row : table.named()) {
			JsonNode value = row.get(column);
			sum = sum.add(value.isNull() ? BigDecimal.ZERO : new BigDecimal(value.asString()));
		}
		return sum;
	}

	private static String compact(LocalDate day) {
		return day.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
	}

	private static Map<String, String> month(LocalDate first) {
		return Map.of("start_date", first.toString(), "end_date", first.plusMonths(1).minusDays(1).toString(), "source",
				"tushare");
	}

	private static Map<String, String> forced(Map<String, String> parameters) {
		Map<String, String> forced = new HashMap<>(parameters);
		forced.put("force", "true");
		return forced;
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Number count = jdbc.queryForObject(sql, Number.class);
		return (count != null) ? count.longValue() : 0;
	}

	private static String fingerprint(JdbcTemplate jdbc, String table) {
		// Everything but when and by which batch a row was written.
		return jdbc.queryForObject(
				"select count(*) || ' ' || md5(string_agg(r::text, ',' order by r::text)) from "
						+ "(select to_jsonb(t) - 'loaded_at' - 'load_batch_id' as r from " + table + " t) rows",
				String.class);
	}

	private static Map<String, String> stamps(JdbcTemplate jdbc, String table) {
		Map<String, String> stamps = new HashMap<>();
		jdbc.query("select symbol || '/' || trade_date, load_batch_id || ' ' || loaded_at from " + table, (rs) -> {
			stamps.put(rs.getString(1), rs.getString(2));
		});
		return stamps;
	}

	private static void loadInstruments(ConfigurableApplicationContext app) throws Exception {
		assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
	}

	private static JdbcTemplate fresh(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		return new JdbcTemplate(warehouse.dataSource());
	}

	private static Sandbox served;

	private static final Map<TestWarehouse, ConfigurableApplicationContext> APPS = new EnumMap<>(TestWarehouse.class);

	@BeforeAll
	static void startSandbox() {
		served = Sandbox.start(SandboxSettings.defaults()
			.withUniverse(20, 2, 0)
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000))));
	}

	@AfterAll
	static void stopAll() {
		APPS.values().forEach(ConfigurableApplicationContext::close);
		APPS.clear();
		served.close();
	}

	private static ConfigurableApplicationContext app(TestWarehouse warehouse) {
		return APPS.computeIfAbsent(warehouse,
				(target) -> SpringApplication.run(BatchJobsApplication.class,
						"--spring.datasource.url=" + target.jdbcUrl(),
						"--marketbase.sources.tushare.base-url=" + served.baseUrl(),
						"--marketbase.sources.tushare.token=" + SandboxSettings.TOKEN,
						"--marketbase.sources.tushare.calls-per-minute[default]=1000000"));
	}

}
