package com.marketbase.batch.job.dailybars;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.warehouse.AdjustmentFactor;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.batch.warehouse.reference.TradingDay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code market.refresh_period_bars} in each warehouse mode, the TSL target included (it
 * cannot host a job run; the daily job's own refresh is tested by
 * {@code DailyBarsJobIntegrationTests}): the sandbox's daily bars of a few stocks around
 * the 2026 Mid-Autumn and National Day closures, whose weeks end on a Thursday and a
 * Wednesday, and October, whose last day is a Saturday.
 */
class PeriodBarsIntegrationTests {

	private static final LocalDate FIRST = LocalDate.of(2026, 9, 14);

	private static final LocalDate LAST = LocalDate.of(2026, 11, 6);

	private static final int SYMBOLS = 6;

	private static Sandbox sandbox;

	@BeforeAll
	static void start() {
		sandbox = ReferenceRuns.sandbox();
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void weeksAndMonthsEndOnTheirLastOpenDayAndEqualAnIndependentComputation(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		TushareClient client = ReferenceRuns.client(sandbox);
		for (TradingDay day : client.tradeCalendar("SSE", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 30))
			.items()) {
			jdbc.update("insert into market.trading_calendar (exchange, cal_date, is_open) values ('SSE', ?, ?)",
					day.date(), day.open());
		}
		List<String> symbols = client.dailyOfMarket(FIRST)
			.items()
			.stream()
			.map(DailyBar::symbol)
			.sorted()
			.limit(SYMBOLS)
			.toList();
		assertThat(symbols).hasSize(SYMBOLS);
		for (String symbol : symbols) {
			Map<LocalDate, BigDecimal> factors = new HashMap<>();
			for (AdjustmentFactor factor : client.adjustmentFactors(symbol, FIRST, LAST).items()) {
				factors.put(factor.tradeDate(), factor.factor());
			}
			for (DailyBar bar : client.daily(symbol, FIRST, LAST).items()) {
				insert(jdbc, bar, factors.get(bar.tradeDate()));
			}
		}
		// One day of one stock without its factor: its week and month have no adjusted
		// prices.
		jdbc.update("update market.bars_daily set adj_factor = null where symbol = ? and trade_date = '2026-10-14'",
				symbols.get(0));

		Integer written = jdbc.queryForObject("select market.refresh_period_bars(null, ?, ?)", Integer.class, FIRST,
				LAST);

		Map<String, String> expected = PeriodBarsReference.expected(jdbc);
		assertThat(written).isEqualTo(expected.size());
		assertThat(PeriodBarsReference.stored(jdbc)).isEqualTo(expected);
		String symbol = symbols.get(1);
		assertThat(label(jdbc, symbol, "week", "2026-09-21")).as("Friday the 25th is closed").isEqualTo("2026-09-24");
		assertThat(label(jdbc, symbol, "week", "2026-09-28")).as("National Day from the 1st").isEqualTo("2026-09-30");
		assertThat(label(jdbc, symbol, "month", "2026-10-01")).as("the 31st is a Saturday").isEqualTo("2026-10-30");
		assertThat(jdbc.queryForObject("select days from market.bars_period where symbol = ? and period = 'week' "
				+ "and period_start = '2026-10-05'", Integer.class, symbol))
			.as("the 5th to the 7th are closed")
			.isEqualTo(2);
		assertThat(jdbc.queryForObject("select adj_close is null from market.bars_period where symbol = ? "
				+ "and period = 'month' and period_start = '2026-10-01'", Boolean.class, symbols.get(0)))
			.isTrue();
		for (String period : List.of("week", "month")) {
			assertThat(PeriodBarsReference.storedForwardCloses(jdbc, "market.bars_" + period + "ly_forward_adjusted",
					period))
				.isEqualTo(PeriodBarsReference.forwardCloses(jdbc, period));
		}

		// A corrected day and a removed one: refreshing their window alone brings the
		// periods back in line, and a period left without bars goes.
		jdbc.update("update market.bars_daily set high = high + 5, volume = volume + 7 where symbol = ? "
				+ "and trade_date = '2026-10-28'", symbol);
		jdbc.update("delete from market.bars_daily where symbol = ? and trade_date between '2026-11-02' and ?", symbol,
				LAST);
		jdbc.queryForObject("select market.refresh_period_bars(?::text[], '2026-10-28', '2026-11-06')", Integer.class,
				"{" + symbol + "}");

		assertThat(PeriodBarsReference.stored(jdbc)).isEqualTo(PeriodBarsReference.expected(jdbc));
		assertThat(jdbc.queryForObject(
				"select count(*) from market.bars_period where symbol = ? " + "and period_start = '2026-11-02'",
				Integer.class, symbol))
			.isZero();
	}

	private static String label(JdbcTemplate jdbc, String symbol, String period, String start) {
		return jdbc.queryForObject("select trade_date::text from market.bars_period where symbol = ? and period = ? "
				+ "and period_start = ?::date", String.class, symbol, period, start);
	}

	private static void insert(JdbcTemplate jdbc, DailyBar bar, BigDecimal factor) {
		jdbc.update("insert into market.bars_daily (symbol, trade_date, open, high, low, close, pre_close, volume, "
				+ "amount, adj_factor, source, load_batch_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sandbox', 0)",
				bar.symbol(), bar.tradeDate(), bar.open(), bar.high(), bar.low(), bar.close(), bar.preClose(),
				bar.volume(), bar.amount(), factor);
	}

}
