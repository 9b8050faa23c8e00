package com.marketbase.batch.quality;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data-quality rules against a week of rows with one disagreement of each kind put
 * in: each is found once, with its rule and severity; a clean day gives none; a corrected
 * row leaves no finding behind.
 */
@ExtendWith(OutputCaptureExtension.class)
class QualityRulesIntegrationTests {

	private static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);

	private static final LocalDate THURSDAY = LocalDate.of(2026, 11, 19);

	private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);

	@ParameterizedTest
	@EnumSource(value = TestWarehouse.class, names = { "EMBEDDED", "TIMESCALEDB" })
	void findsEachDisagreementOnceWithItsRuleAndNothingOnACleanDay(TestWarehouse warehouse) {
		JdbcTemplate jdbc = week(warehouse);
		QualityRules rules = new QualityRules(warehouse.dataSource());

		assertThat(rules.run(MONDAY, MONDAY)).as("a clean day").isEmpty();
		List<Finding> findings = rules.run(MONDAY, FRIDAY);

		assertThat(findings)
			.extracting((f) -> f.rule() + " " + f.dataset() + " " + f.symbol() + " " + f.day() + " " + f.severity())
			.containsExactlyInAnyOrder("limit_band daily 600000.SH 2026-11-19 blocking",
					"limit_band daily 600001.SH 2026-11-19 warning",
					"zero_volume_price_change daily 600003.SH 2026-11-19 blocking",
					"ohlc_inconsistent daily 600004.SH 2026-11-19 blocking",
					"adj_factor_jump daily 600005.SH 2026-11-18 blocking",
					"fx_bid_above_ask fx_daily EURUSD.FX 2026-11-19 blocking",
					"settle_outside_range fut_daily IF2612.CFX 2026-11-19 blocking");
		assertThat(findings.get(0).blocking()).isTrue();
		assertThat(detail(findings, "limit_band", "600000.SH"))
			.isEqualTo("high 11.2, low 9.90 outside the ±10 % band of 9.00 to 11.00 around the previous close 10.00");
		assertThat(detail(findings, "limit_band", "600001.SH")).contains("±5 %").endsWith("(ST by today's name)");
		assertThat(detail(findings, "adj_factor_jump", "600005.SH")).startsWith(
				"the adjustment factor moved from 1.000 to 1.100, but the previous close 10.10 is the last close of 2026-11-17");
		// Again: the same findings, each once, each still dated when it was first found.
		String firstFound = jdbc.queryForObject(
				"select string_agg(found_at::text, ',' order by symbol) " + "from market.quality_findings",
				String.class);
		assertThat(rules.run(MONDAY, FRIDAY)).hasSameSizeAs(findings);
		assertThat(jdbc.queryForObject(
				"select string_agg(found_at::text, ',' order by symbol) " + "from market.quality_findings",
				String.class))
			.isEqualTo(firstFound);
		// A corrected row leaves no finding behind.
		jdbc.update("update market.bars_daily set high = 10.9 where symbol = '600000.SH' and trade_date = ?", THURSDAY);
		assertThat(rules.run(MONDAY, FRIDAY)).extracting(Finding::symbol).doesNotContain("600000.SH").hasSize(6);
	}

	@Test
	void theCommandLineListsTheFindingsAndExitsOneOnABlockingOne(CapturedOutput output) {
		week(TestWarehouse.TIMESCALEDB);
		String[] args = { "--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(), "quality",
				MONDAY.toString(), FRIDAY.toString() };

		int exitCode = SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, args));

		assertThat(exitCode).isEqualTo(1);
		assertThat(output.getOut()).contains("limit_band: 1 blocking, 1 warning(s)")
			.contains("blocking fut_daily IF2612.CFX 2026-11-19 settle_outside_range: settle 4100 outside the "
					+ "day's range of 3900 to 4000");
		String[] upsideDown = { args[0], "quality", FRIDAY.toString(), MONDAY.toString() };
		assertThat(SpringApplication.exit(SpringApplication.run(BatchJobsApplication.class, upsideDown))).isEqualTo(2);
		assertThat(output.getErr()).contains("the first day is after the last.").doesNotContain("\tat ");
	}

	private static String detail(List<Finding> findings, String rule, String symbol) {
		return findings.stream()
			.filter((f) -> f.rule().equals(rule) && f.symbol().equals(symbol))
			.findFirst()
			.orElseThrow()
			.detail();
	}

	// A week of clean rows, then one disagreement of each kind.
	private static JdbcTemplate week(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		jdbc.update("""
				insert into market.instruments (symbol, exchange, asset_class, name, list_date, tick_size, lot_size)
				values ('600000.SH', 'SSE', 'stock', 'Pufa', '2000-01-01', 0.01, 100),
				       ('600001.SH', 'SSE', 'stock', '*ST Foo', '2000-01-01', 0.01, 100),
				       ('600002.SH', 'SSE', 'stock', 'New', '2026-11-16', 0.01, 100),
				       ('600003.SH', 'SSE', 'stock', 'Quiet', '2000-01-01', 0.01, 100),
				       ('600004.SH', 'SSE', 'stock', 'Odd', '2000-01-01', 0.01, 100),
				       ('600005.SH', 'SSE', 'stock', 'Factor', '2000-01-01', 0.01, 100),
				       ('600006.SH', 'SSE', 'stock', 'Dividend', '2000-01-01', 0.01, 100),
				       ('300001.SZ', 'SZSE', 'stock', 'Growth', '2010-01-01', 0.01, 100),
				       ('830001.BJ', 'BSE', 'stock', 'Beijing', '2021-11-15', 0.01, 100)""");
		jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) "
				+ "select 'SSE', d::date, extract(isodow from d) < 6 from generate_series(date '2026-11-01', "
				+ "date '2026-11-30', interval '1 day') d on conflict do nothing");
		jdbc.update(
				"""
						insert into market.bars_daily (symbol, trade_date, open, high, low, close, pre_close, volume, amount,
							adj_factor, source, load_batch_id)
						select i.symbol, d::date, 10.00, 10.30, 9.90, 10.10, 10.00, 1000, 10100, 1.000, 'sandbox', 1
						from market.instruments i, generate_series(date '2026-11-16', date '2026-11-20', interval '1 day') d""");
		jdbc.update("update market.bars_daily set pre_close = 10.10 where trade_date > ?", MONDAY);
		// Inside their boards' bands: ChiNext ±20 %, Beijing ±30 %, a new listing's first
		// days.
		jdbc.update("update market.bars_daily set high = 11.9 where symbol = '300001.SZ' and trade_date = ?", THURSDAY);
		jdbc.update("update market.bars_daily set high = 12.9 where symbol = '830001.BJ' and trade_date = ?", THURSDAY);
		jdbc.update("update market.bars_daily set high = 14.0 where symbol = '600002.SH' and trade_date = ?", THURSDAY);
		// Outside: the main board's ±10 %, and the ST band of ±5 % only.
		jdbc.update("update market.bars_daily set high = 11.2, pre_close = 10.00 where symbol = '600000.SH' "
				+ "and trade_date = ?", THURSDAY);
		jdbc.update("update market.bars_daily set high = 10.7, close = 10.7 where symbol = '600001.SH' "
				+ "and trade_date = ?", THURSDAY);
		jdbc.update("update market.bars_daily set volume = 0, close = 10.3 where symbol = '600003.SH' "
				+ "and trade_date = ?", THURSDAY);
		jdbc.update("update market.bars_daily set high = 10.05 where symbol = '600004.SH' and trade_date = ?",
				THURSDAY);
		// A factor that moves with the previous close as it was, and one that moves on an
		// ex-dividend day, whose previous close the exchange adjusted.
		jdbc.update("update market.bars_daily set adj_factor = 1.100 where symbol in ('600005.SH', '600006.SH') "
				+ "and trade_date >= ?", THURSDAY.minusDays(1));
		jdbc.update(
				"update market.bars_daily set pre_close = 9.20, high = 10.10, low = 9.10 where symbol = '600006.SH' "
						+ "and trade_date = ?",
				THURSDAY.minusDays(1));
		jdbc.update(
				"""
						insert into market.bars_fx_daily (symbol, trade_date, bid_open, bid_high, bid_low, bid_close, ask_open,
							ask_high, ask_low, ask_close, source, load_batch_id)
						select 'EURUSD.FX', d::date, 1.1000, 1.1050, 1.0950, 1.1010, 1.1002, 1.1052, 1.0952, 1.1012, 'sandbox', 1
						from generate_series(date '2026-11-16', date '2026-11-20', interval '1 day') d""");
		jdbc.update("update market.bars_fx_daily set bid_close = 1.1012, ask_close = 1.1010 where trade_date = ?",
				THURSDAY);
		jdbc.update(
				"""
						insert into market.bars_futures_daily (symbol, trade_date, open, high, low, close, settle, volume, amount,
							source, load_batch_id)
						select 'IF2612.CFX', d::date, 3950, 4000, 3900, 3960, 3955, 100, 395500, 'sandbox', 1
						from generate_series(date '2026-11-16', date '2026-11-20', interval '1 day') d""");
		jdbc.update("update market.bars_futures_daily set settle = 4100 where trade_date = ?", THURSDAY);
		return jdbc;
	}

}
