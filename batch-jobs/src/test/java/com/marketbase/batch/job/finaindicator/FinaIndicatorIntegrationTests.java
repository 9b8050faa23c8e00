package com.marketbase.batch.job.finaindicator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.source.tushare.TushareTable;
import com.marketbase.batch.warehouse.FinancialReport;
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
 * fina_indicator end to end against the sandbox's reports through the real Tushare
 * connector: every version kept once, the source's quirks handled, as-of answers that
 * never see an announcement after their day, and an incremental run that asks only for
 * the stocks with something new.
 */
class FinaIndicatorIntegrationTests {

	private static final String FIRST = "2015-01-01";

	private static final String LAST = "2025-06-30";

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void aHistoryKeepsEveryVersionOnceAndAsOfSeesOnlyWhatWasAnnouncedByThen(TestWarehouse warehouse) throws Exception {
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		try (Sandbox served = Sandbox.start(SandboxSettings.defaults().withUniverse(20, 2, 0));
				ConfigurableApplicationContext app = app(warehouse, served)) {
			assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
			JobExecution execution = ReferenceRuns.launch(app, "fina_indicator",
					Map.of("start_date", FIRST, "end_date", LAST, "mode", "full", "source", "tushare"));
			assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);

			List<Version> sent = sent(jdbc, ReferenceRuns.client(served), FIRST, LAST);
			Set<Version> distinct = new HashSet<>(sent);
			assertThat(sent).as("the source repeats some rows exactly").hasSizeGreaterThan(distinct.size());
			assertThat(stored(jdbc, "select * from market.financial_indicators")).hasSameElementsAs(distinct)
				.hasSize(distinct.size());
			// The quirks are there to be handled: restated periods with flags 0 and 1, a
			// stock with one flag on every row and two versions of a period, and a row
			// announced before its own period ends, kept with a note.
			assertThat(distinct).anyMatch((v) -> v.flag().equals("0") && distinct.stream()
				.anyMatch((w) -> w.samePeriod(v) && w.flag().equals("1") && w.announced().isAfter(v.announced())));
			assertThat(distinct).anyMatch((v) -> distinct.stream()
				.anyMatch((w) -> w.samePeriod(v) && w.flag().equals(v.flag()) && !w.announced().equals(v.announced())));
			List<Version> early = distinct.stream().filter((v) -> v.announced().isBefore(v.period())).toList();
			assertThat(early).isNotEmpty();
			assertThat(jdbc.queryForList(
					"select quality_note from market.financial_indicators where announced < period_end", String.class))
				.hasSize(early.size())
				.allMatch((note) -> note.contains("before its period ends"));
			// Such a row repeats a real announcement's figures, which it must not show
			// early.
			for (Version row : early) {
				LocalDate deadline = FinancialReport.deadline(row.period());
				for (Version shown : stored(jdbc,
						"select * from market.financial_indicators_as_of(?) " + "where symbol = ? and period_end = ?",
						deadline.minusDays(1), row.symbol(), row.period())) {
					assertThat(shown.announced()).isAfterOrEqualTo(row.period());
				}
			}
			// Every owed period has an outcome, and only those a stock was listed for.
			assertThat(count(jdbc, "select count(*) from market.load_units where dataset = 'fina_indicator'"))
				.isEqualTo(count(jdbc, """
						select count(*) from market.instruments i
						join market.trading_calendar c on c.exchange = 'QUARTER' and c.is_open
							and c.cal_date between date '2015-01-01' and date '2025-06-30'
						where i.asset_class = 'stock' and (i.list_date is null or i.list_date <= c.cal_date)
							and (i.delist_date is null or c.cal_date < i.delist_date)"""));

			// No look-ahead over a whole quarter of daily questions: each answer is
			// exactly
			// the latest version of each period that was announced, and had ended, by
			// then.
			for (LocalDate day = LocalDate.of(2024, 4, 1); !day.isAfter(LocalDate.of(2024, 6, 30)); day = day
				.plusDays(1)) {
				assertThat(stored(jdbc, "select * from market.financial_indicators_as_of(?)", day)).as(day.toString())
					.hasSameElementsAs(asOf(distinct, day));
			}

			// The restatement story: the day before, the original; the day after, the
			// restated figures.
			Version restated = distinct.stream()
				.filter((v) -> distinct.stream()
					.anyMatch((w) -> w.samePeriod(v) && w.announced().isBefore(v.announced())
							&& w.announced().isAfter(v.period())))
				.filter((v) -> v.announced().isAfter(LocalDate.of(2020, 1, 1)))
				.findFirst()
				.orElseThrow();
			Version original = distinct.stream()
				.filter((w) -> w.samePeriod(restated) && w.announced().isBefore(restated.announced()))
				.max(Comparator.comparing(Version::announced))
				.orElseThrow();
			assertThat(original.roe()).isNotEqualByComparingTo(restated.roe());
			assertThat(roeAsOf(jdbc, restated, restated.announced().minusDays(1))).isEqualByComparingTo(original.roe());
			assertThat(roeAsOf(jdbc, restated, restated.announced().plusDays(1))).isEqualByComparingTo(restated.roe());
		}
	}

	@Test
	void anIncrementalRunAsksOnlyForTheStocksWithNewsOrHoles() throws Exception {
		TestWarehouse warehouse = TestWarehouse.EMBEDDED;
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		SandboxSettings before = SandboxSettings.defaults().withUniverse(20, 2, 0).withToday(LocalDate.of(2025, 4, 15));
		Sandbox served = Sandbox.start(before);
		int port = served.port();
		try (ConfigurableApplicationContext app = app(warehouse, served)) {
			assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
			assertThat(ReferenceRuns
				.launch(app, "fina_indicator",
						Map.of("start_date", "2023-10-01", "end_date", "2025-03-31", "mode", "full", "source",
								"tushare"))
				.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			Set<String> complete = new HashSet<>(jdbc.queryForList(
					"select symbol || '/' || trade_date from "
							+ "market.load_units where dataset = 'fina_indicator' and status = 'complete'",
					String.class));
			// Units an incremental run of 2024-12-31 heals: the day's and the older ones'
			// within the backfill window, where nothing came.
			Set<String> expected = new TreeSet<>(jdbc.queryForList("""
					select distinct i.symbol from market.instruments i
					join market.trading_calendar c on c.exchange = 'QUARTER' and c.is_open
						and c.cal_date between date '2023-12-31' and date '2024-12-31'
					left join market.load_units u on u.dataset = 'fina_indicator' and u.symbol = i.symbol
						and u.trade_date = c.cal_date
					where i.asset_class = 'stock' and (i.list_date is null or i.list_date <= c.cal_date)
						and (i.delist_date is null or c.cal_date < i.delist_date)
						and (u.status is null or u.status <> 'complete')""", String.class));
			served.close();

			// Six days later at the source: the last annual reports and the first Q1s are
			// out.
			served = Sandbox.start(before.withPort(port).withToday(LocalDate.of(2025, 4, 21)));
			JobExecution execution = ReferenceRuns.launch(app, "fina_indicator",
					Map.of("start_date", "2024-12-31", "end_date", "2024-12-31", "source", "tushare"));
			assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
			long calls = served.calls("tushare:fina_indicator");

			// Which stocks have a report out that the warehouse has not loaded, found
			// from
			// the reports themselves, not from the disclosure calendar the job reads.
			List<Version> now = sent(jdbc, ReferenceRuns.client(served), "2023-12-01", "2026-12-31");
			Set<String> news = new TreeSet<>();
			now.stream()
				.filter((version) -> version.period().isAfter(LocalDate.of(2024, 12, 31)))
				.filter((version) -> !complete.contains(version.symbol() + "/" + version.period()))
				.forEach((version) -> news.add(version.symbol()));
			assertThat(news).isNotEmpty();
			// A full run without dates is the history: from the configured start
			// (2010-01-01
			// unless set) to the last period due.
			org.springframework.batch.core.job.parameters.JobParameters history = app
				.getBeansOfType(com.marketbase.batch.support.launch.JobLaunch.class)
				.values()
				.stream()
				.filter((launch) -> launch.jobName().equals("fina_indicator"))
				.findFirst()
				.orElseThrow()
				.parameters(Map.of("mode", "full", "source", "tushare"));
			assertThat(history.getLocalDate("start_date")).isEqualTo(LocalDate.of(2010, 1, 1));
			assertThat(history.getLocalDate("end_date")).isBefore(LocalDate.now().minusDays(121));
			expected.addAll(news);
			assertThat(expected).hasSizeLessThan(stocks(jdbc).size());
			assertThat(calls).isEqualTo(expected.size());
			// What came for the units it had not loaded is held now. (Restatements of
			// held
			// units are not on the disclosure calendar; a full run picks them up.)
			assertThat(stored(jdbc, "select * from market.financial_indicators where period_end >= date '2023-12-31'"))
				.containsAll(now.stream()
					.filter((version) -> !complete.contains(version.symbol() + "/" + version.period()))
					.toList());
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
		// The TSL target takes no JDBC batches, so no job runs there: the versions a load
		// would store are written one by one.
		String insert = "insert into market.financial_indicators (symbol, period_end, announced, update_flag, roe, "
				+ "source, load_batch_id) values ('600000.SH', date '2024-03-31', ?, ?, ?, 'sandbox', 1)";
		jdbc.update(insert, LocalDate.of(2024, 4, 27), "0", new BigDecimal("2.10"));
		jdbc.update(insert, LocalDate.of(2024, 6, 12), "1", new BigDecimal("1.95"));
		jdbc.update("insert into market.financial_indicators (symbol, period_end, announced, update_flag, roe, source, "
				+ "load_batch_id, quality_note) values ('600000.SH', date '2024-06-30', date '2024-04-22', '1', "
				+ "4.2, 'sandbox', 1, 'announced before its period ends')");
		String roe = "select roe from market.financial_indicators_as_of(?) where period_end = date '2024-03-31'";
		assertThat(jdbc.queryForList(roe, BigDecimal.class, LocalDate.of(2024, 4, 26))).isEmpty();
		assertThat(jdbc.queryForObject(roe, BigDecimal.class, LocalDate.of(2024, 6, 11))).isEqualByComparingTo("2.10");
		assertThat(jdbc.queryForObject(roe, BigDecimal.class, LocalDate.of(2024, 6, 13))).isEqualByComparingTo("1.95");
		// Stamped before its period ends: invisible until the half year's deadline.
		assertThat(count(jdbc, "select count(*) from market.financial_indicators_as_of(date '2024-08-30') "
				+ "where period_end = date '2024-06-30'"))
			.isZero();
		assertThat(count(jdbc, "select count(*) from market.financial_indicators_as_of(date '2024-08-31') "
				+ "where period_end = date '2024-06-30'"))
			.isOne();
	}

	/**
	 * The latest version of each period announced by a day; a row stamped before its
	 * period ends counts from the period's deadline.
	 */
	private static Set<Version> asOf(Set<Version> versions, LocalDate day) {
		Map<String, Version> latest = new HashMap<>();
		Comparator<Version> order = Comparator.comparing(Version::announced).thenComparing(Version::flag);
		for (Version version : versions) {
			LocalDate visible = version.announced().isBefore(version.period())
					? FinancialReport.deadline(version.period()) : version.announced();
			if (visible.isAfter(day)) {
				continue;
			}
			latest.merge(version.symbol() + "/" + version.period(), version,
					(a, b) -> (order.compare(a, b) >= 0) ? a : b);
		}
		return new HashSet<>(latest.values());
	}

	private static BigDecimal roeAsOf(JdbcTemplate jdbc, Version version, LocalDate day) {
		return jdbc.queryForObject(
				"select roe from market.financial_indicators_as_of(?) where symbol = ? and period_end = ?",
				BigDecimal.class, day, version.symbol(), version.period());
	}

	/** What the source sends of the periods each stock was listed for. */
	private static List<Version> sent(JdbcTemplate jdbc, TushareClient client, String from, String to) {
		List<Version> sent = new ArrayList<>();
		Map<String, LocalDate[]> listed = new HashMap<>();
		jdbc.query("select symbol, list_date, delist_date from market.instruments where asset_class = 'stock'",
				(rs) -> {
					listed.put(rs.getString(1),
							new LocalDate[] { rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class) });
				});
		for (String stock : stocks(jdbc)) {
			TushareTable table = client.call("fina_indicator",
					Map.of("ts_code", stock, "start_date", from.replace("-", ""), "end_date", to.replace("-", "")),
					List.of("ts_code", "ann_date", "end_date", "roe", "update_flag"));
			assertThat(table.size()).as("one call holds a stock's rows here").isLessThan(100);
			LocalDate[] window = listed.get(stock);
			for (TushareTable.Row row : table.named()) {
				LocalDate period = date(row.get("end_date").asString());
				if ((window[0] != null && period.isBefore(window[0]))
						|| (window[1] != null && !period.isBefore(window[1]))) {
					continue;
				}
				sent.add(new Version(row.get("ts_code").asString(), period, date(row.get("ann_date").asString()),
						row.get("update_flag").asString(), new BigDecimal(row.get("roe").asString())));
			}
		}
		return sent;
	}

	private static List<Version> stored(JdbcTemplate jdbc, String sql, Object... arguments) {
		return jdbc.query(sql,
				(rs, row) -> new Version(rs.getString("symbol"), rs.getObject("period_end", LocalDate.class),
						rs.getObject("announced", LocalDate.class), rs.getString("update_flag"),
						rs.getBigDecimal("roe").stripTrailingZeros()),
				arguments);
	}

	private static List<String> stocks(JdbcTemplate jdbc) {
		return jdbc.queryForList("select symbol from market.instruments where asset_class = 'stock' order by symbol",
				String.class);
	}

	private static LocalDate date(String compact) {
		return LocalDate.parse(compact, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
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

	/**
	 * One version as sent or stored: its key and its ROE.
	 *
	 * @param symbol the stock
	 * @param period the period's end
	 * @param announced the announcement day
	 * @param flag {@code update_flag}
	 * @param roe the return on equity, scale-free
	 */
	record Version(String symbol, LocalDate period, LocalDate announced, String flag, BigDecimal roe) {

		Version {
			roe = roe.stripTrailingZeros();
		}

		boolean samePeriod(Version other) {
			return this.symbol.equals(other.symbol) && this.period.equals(other.period) && !this.equals(other);
		}

	}

}
