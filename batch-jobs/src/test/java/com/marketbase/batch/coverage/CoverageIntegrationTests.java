package com.marketbase.batch.coverage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static com.marketbase.batch.coverage.CoverageFixture.FRIDAY;
import static com.marketbase.batch.coverage.CoverageFixture.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code market.coverage} and {@code market.coverage_gaps} in every warehouse mode:
 * closed days, suspensions, new listings, delistings, partial and missing units, and the
 * counts kept up to date as units and listing windows change.
 */
class CoverageIntegrationTests {

	private static final ZoneId MARKET = ZoneId.of("Asia/Shanghai");

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void countsEachDayByTheRulesOfWhatIsOwed(TestWarehouse warehouse) {
		CoverageQueries queries = seeded(warehouse);

		assertThat(rows(queries.days("minute_1m", MONDAY, LocalDate.of(2026, 11, 23)))).containsExactly(
				// day, state, instruments, complete, partial, missing, suspended, not
				// listed, delisted
				"2026-11-16 complete 5: 4 0 0 / 0 1 0", "2026-11-17 partial 5: 2 1 0 / 1 1 0",
				"2026-11-18 missing 5: 3 0 1 / 0 0 1", "2026-11-19 closed 5: 0 0 0 / 0 0 0",
				"2026-11-20 missing 5: 3 0 1 / 0 0 1", "2026-11-21 closed 5: 0 0 0 / 0 0 0",
				"2026-11-22 closed 5: 0 0 0 / 0 0 0", "2026-11-23 no calendar 5: 0 0 0 / 0 0 0");
		// daily covers the stocks only, etf_daily the ETF only; their units of other
		// classes do not count.
		assertThat(rows(queries.days("daily", MONDAY, FRIDAY))).containsExactly("2026-11-16 complete 4: 3 0 0 / 0 1 0",
				"2026-11-17 partial 4: 1 1 0 / 1 1 0", "2026-11-18 missing 4: 2 0 1 / 0 0 1",
				"2026-11-19 closed 4: 0 0 0 / 0 0 0", "2026-11-20 missing 4: 2 0 1 / 0 0 1");
		assertThat(rows(queries.days("etf_daily", FRIDAY, FRIDAY)))
			.containsExactly("2026-11-20 complete 1: 1 0 0 / 0 0 0");
		assertThat(rows(queries.days("index_daily", FRIDAY, FRIDAY)))
			.containsExactly("2026-11-20 nothing owed 0: 0 0 0 / 0 0 0");
		assertThat(queries.days(null, FRIDAY, FRIDAY)).extracting(CoverageDay::dataset)
			.containsExactly("daily", "daily_basic", "etf_daily", "fina_indicator", "fund_nav", "fut_daily",
					"fut_mapping", "fx_daily", "index_daily", "index_minute", "macro", "minute_1m", "moneyflow",
					"sge_daily", "tick_trade");
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void namesTheInstrumentsBehindAPartialOrMissingDay(TestWarehouse warehouse) {
		CoverageQueries queries = seeded(warehouse);

		assertThat(queries.gaps("minute_1m", LocalDate.of(2026, 11, 17), 10))
			.containsExactly(new CoverageGap("600000.SH", "partial", "first missing minute 14:21", false));
		assertThat(queries.gaps("minute_1m", LocalDate.of(2026, 11, 18), 10))
			.containsExactly(new CoverageGap("600003.SH", "missing", null, false));
		assertThat(queries.gaps("minute_1m", FRIDAY, 10))
			.containsExactly(new CoverageGap("600003.SH", "failed", "HTTP 500", true));
		assertThat(queries.gaps("minute_1m", LocalDate.of(2026, 11, 19), 10)).as("a closed day owes nothing").isEmpty();
		assertThat(queries.gaps("minute_1m", MONDAY, 10)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void followsUnitsAndListingWindowsAsTheyChange(TestWarehouse warehouse) {
		CoverageQueries queries = seeded(warehouse);
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		LocalDate wednesday = LocalDate.of(2026, 11, 18);

		// A failed unit loaded again, a missing one loaded late, a partial one deleted.
		CoverageFixture.unit(jdbc, "minute_1m", "600003.SH", "2026-11-20", "complete");
		CoverageFixture.unit(jdbc, "minute_1m", "600003.SH", "2026-11-18", "complete");
		jdbc.update("delete from market.load_units where symbol = '600000.SH' and trade_date = '2026-11-17'");
		assertThat(rows(queries.days("minute_1m", LocalDate.of(2026, 11, 17), FRIDAY))).containsExactly(
				"2026-11-17 missing 5: 2 0 1 / 1 1 0", "2026-11-18 complete 5: 4 0 0 / 0 0 1",
				"2026-11-19 closed 5: 0 0 0 / 0 0 0", "2026-11-20 complete 5: 4 0 0 / 0 0 1");

		// 600002.SH delisted a day later: its unit of the 18th now counts; 600001.SH
		// listed a day earlier: its unit of the 17th counts.
		jdbc.update("update market.instruments set delist_date = '2026-11-19' where symbol = '600002.SH'");
		jdbc.update("update market.instruments set list_date = '2026-11-17' where symbol = '600001.SH'");
		// The daily rewrite of every instrument changes nothing.
		jdbc.update("update market.instruments set updated_at = now()");
		assertThat(rows(queries.days("minute_1m", LocalDate.of(2026, 11, 17), wednesday)))
			.containsExactly("2026-11-17 missing 5: 3 0 1 / 1 0 0", "2026-11-18 complete 5: 5 0 0 / 0 0 0");

		// An instrument removed takes its units with it.
		jdbc.update("delete from market.load_units where symbol = '510300.SH'");
		jdbc.update("delete from market.instruments where symbol = '510300.SH'");
		assertThat(rows(queries.days("minute_1m", wednesday, wednesday)))
			.containsExactly("2026-11-18 complete 4: 4 0 0 / 0 0 0");
		// The counts kept equal a count from scratch.
		assertThat(jdbc.queryForObject("select sum(units) from market.coverage_days where dataset = 'minute_1m'",
				Long.class))
			.isEqualTo(jdbc.queryForObject(
					"select count(*) from market.load_units u join market.instruments i on i.symbol = u.symbol "
							+ "where u.dataset = 'minute_1m' and (i.list_date is null or i.list_date <= u.trade_date) "
							+ "and (i.delist_date is null or u.trade_date < i.delist_date)",
					Long.class));
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void expectsTheLastOpenDayWhoseCutOffHasPassed(TestWarehouse warehouse) {
		CoverageQueries queries = seeded(warehouse);
		CoverageProperties properties = new CoverageProperties(MARKET,
				Map.of("etf_daily", java.time.LocalTime.of(15, 30)), java.time.LocalTime.of(17, 0), null, 400,
				java.time.Duration.ofSeconds(30));
		Freshness freshness = new Freshness(queries, properties, Clock.systemUTC());
		List<Dataset> minute = queries.datasets().stream().filter((d) -> d.name().equals("minute_1m")).toList();
		List<Dataset> etf = queries.datasets().stream().filter((d) -> d.name().equals("etf_daily")).toList();

		// Friday before the cut-off: Thursday is a holiday, so Wednesday is expected.
		DatasetFreshness beforeCutOff = freshness.of(minute, at("2026-11-20T16:59")).get(0);
		assertThat(beforeCutOff.expectedDay()).isEqualTo(LocalDate.of(2026, 11, 18));
		assertThat(beforeCutOff.problem())
			.isEqualTo("2026-11-18 is not complete: 1 missing, 0 partial of 4 owed; last complete day 2026-11-16");
		// After it, Friday itself; on the weekend still Friday.
		assertThat(freshness.of(minute, at("2026-11-20T17:00")).get(0).expectedDay()).isEqualTo(FRIDAY);
		assertThat(freshness.of(minute, at("2026-11-22T23:00")).get(0).expectedDay()).isEqualTo(FRIDAY);
		// etf_daily's own cut-off is 15:30, and its Friday is complete.
		DatasetFreshness etfFriday = freshness.of(etf, at("2026-11-20T15:45")).get(0);
		assertThat(etfFriday.isFresh()).isTrue();
		assertThat(etfFriday.expectedDay()).isEqualTo(FRIDAY);
		assertThat(etfFriday.lastCompleteDay()).isEqualTo(FRIDAY);
		// Past the end of the calendar nothing can be said.
		assertThat(freshness.of(minute, at("2026-11-23T18:00")).get(0).problem())
			.isEqualTo("the SSE calendar does not reach 2026-11-23; load the calendar");

		CoverageFixture.unit(new JdbcTemplate(warehouse.dataSource()), "minute_1m", "600003.SH", "2026-11-20",
				"complete");
		DatasetFreshness fixed = freshness.of(minute, at("2026-11-21T09:00")).get(0);
		assertThat(fixed.isFresh()).isTrue();
		assertThat(fixed.lastCompleteDay()).isEqualTo(FRIDAY);
	}

	@Test
	void countsALoadAndAListingThatRunAtTheSameTime() throws Exception {
		// The embedded database hands out a connection per call, so two transactions can
		// overlap: a listing added while its first units load. Each trigger alone would
		// count against the other's old state and the units would never count.
		CoverageQueries queries = seeded(TestWarehouse.EMBEDDED);
		DataSource dataSource = TestWarehouse.EMBEDDED.dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		try (Connection listing = dataSource.getConnection(); Connection load = dataSource.getConnection()) {
			listing.setAutoCommit(false);
			load.setAutoCommit(false);
			try (Statement statement = listing.createStatement()) {
				statement.execute("insert into market.instruments (symbol, exchange, asset_class, name, list_date, "
						+ "tick_size, lot_size) values ('600009.SH', 'SSE', 'stock', 'late', '2026-11-16', 0.01, 100)");
			}
			CompletableFuture<Void> loading = CompletableFuture.runAsync(() -> {
				try (Statement statement = load.createStatement()) {
					statement
						.execute("insert into market.load_units (dataset, symbol, trade_date, status, rows_loaded, "
								+ "rows_expected, source) values ('minute_1m', '600009.SH', '2026-11-16', 'complete', 240, "
								+ "240, 'sandbox')");
					load.commit();
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and not granted",
					Long.class) == 0 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(loading).as("the load waits for the listing to commit").isNotDone();
			listing.commit();
			loading.get(10, TimeUnit.SECONDS);
		}

		assertThat(rows(queries.days("minute_1m", MONDAY, MONDAY)))
			.containsExactly("2026-11-16 complete 6: 5 0 0 / 0 1 0");
		long kept = jdbc.queryForObject("select sum(units) from market.coverage_days where dataset = 'minute_1m'",
				Long.class);
		jdbc.execute("select market.rebuild_coverage(null)");
		assertThat(jdbc.queryForObject("select sum(units) from market.coverage_days where dataset = 'minute_1m'",
				Long.class))
			.as("the counts kept equal a recount")
			.isEqualTo(kept);
	}

	private static CoverageQueries seeded(TestWarehouse warehouse) {
		DataSource dataSource = warehouse.dataSource();
		warehouse.freshlyMigrated();
		CoverageFixture.seed(dataSource);
		return new CoverageQueries(dataSource);
	}

	private static ZonedDateTime at(String local) {
		return LocalDateTime.parse(local).atZone(MARKET);
	}

	private static List<String> rows(List<CoverageDay> days) {
		return days.stream()
			.map((d) -> d.day() + " " + d.verdict() + " " + d.instruments() + ": " + d.complete() + " " + d.partial()
					+ " " + d.missing() + " / " + d.suspended() + " " + d.notListed() + " " + d.delisted())
			.toList();
	}

}
