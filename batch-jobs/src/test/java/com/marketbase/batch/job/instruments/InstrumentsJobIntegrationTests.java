package com.marketbase.batch.job.instruments;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.warehouse.reference.CodeChange;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.warehouse.reference.Instrument;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.source.Secret;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.SourcesProperties;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.tushare.TushareListings;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * instruments end to end against the local TimescaleDB and a sandbox spoken to through
 * the real Tushare connector.
 */
class InstrumentsJobIntegrationTests {

	private final JdbcTemplate jdbc = new JdbcTemplate(TestWarehouse.TIMESCALEDB.dataSource());

	@BeforeEach
	void emptyWarehouse() {
		TestWarehouse.TIMESCALEDB.reset();
	}

	@Test
	void loadsEveryListedStockOnceAndKeepsLinksOnAReload() throws Exception {
		try (Sandbox sandbox = ReferenceRuns.sandbox();
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox)) {
			Set<String> listed = new TreeSet<>();
			for (String status : List.of("L", "D", "P")) {
				ReferenceRuns.client(sandbox)
					.stocks(status)
					.items()
					.stream()
					.map(Instrument::symbol)
					.forEach(listed::add);
			}

			JobExecution execution = ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitDescription())
				.startsWith("source: tushare; A-shares stored: BSE ");
			assertThat(this.jdbc.queryForList(
					"select symbol from market.instruments where asset_class = 'stock' order by symbol", String.class))
				.containsExactlyElementsOf(listed);
			Map<String, Integer> perSuffix = new HashMap<>();
			this.jdbc.query("select split_part(symbol, '.', 2), count(*) from market.instruments "
					+ "where asset_class = 'stock' group by 1", (rs) -> {
						perSuffix.put(rs.getString(1), rs.getInt(2));
					});
			assertThat(perSuffix).containsOnlyKeys("SH", "SZ", "BJ");
			assertThat(perSuffix.values()).allSatisfy((count) -> assertThat(count).isGreaterThan(100));
			assertThat(perSuffix.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(1000);
			assertThat(this.jdbc.queryForObject("select count(*) from market.instruments where asset_class = 'stock' "
					+ "and (list_date is null or exchange not in ('SSE', 'SZSE', 'BSE'))", Integer.class))
				.isZero();

			String first = this.jdbc.queryForObject(
					"select min(symbol) from market.instruments where symbol like " + "'%.BJ'", String.class);
			this.jdbc.update("update market.instruments set previous_symbol = '830799.BJ' where symbol = ?", first);
			String loaded = fingerprint();

			assertThatExceptionOfType(JobInstanceAlreadyCompleteException.class)
				.isThrownBy(() -> ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")));
			JobExecution reload = ReferenceRuns.launch(app, "instruments",
					Map.of("source", "tushare", "force", "true"));

			assertThat(reload.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(fingerprint()).isEqualTo(loaded);
			assertThat(this.jdbc.queryForObject("select previous_symbol from market.instruments where symbol = ?",
					String.class, first))
				.isEqualTo("830799.BJ");
		}
	}

	@Test
	void storesEveryAssetClassWithListingWindowsAndLinksTheRecodedBeijingStocks() throws Exception {
		try (Sandbox sandbox = ReferenceRuns.sandbox();
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox)) {
			TushareListings lists = new TushareListings(ReferenceRuns.client(sandbox));

			JobExecution execution = ReferenceRuns.launch(app, "instruments",
					Map.of("source", "tushare", "trade_date", "2026-11-20"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitDescription()).isEqualTo(
					"source: tushare; A-shares stored: BSE 506 (3 delisted, 0 paused), SSE 2254 (2 delisted, 1 paused), "
							+ "SZSE 2254 (2 delisted, 1 paused); 30 ETFs, 7 indexes, 10 futures, 3 SGE spot, 6 FX pairs, "
							+ "3 re-coded.");
			// Paused stocks are listed without a delisting day; delisted ones stop
			// trading
			// before their delisting day, as the source's bars show.
			assertThat(symbols("list_status = 'P' and delist_date is null"))
				.containsExactlyElementsOf(lists.stocks("P").items().stream().map(Listing::symbol).toList());
			List<String> delisted = symbols("list_status = 'D'");
			assertThat(delisted).hasSize(7)
				.containsAll(lists.stocks("D").items().stream().map(Listing::symbol).toList());
			for (String symbol : delisted) {
				LocalDate listed = date("list_date", symbol);
				LocalDate gone = date("delist_date", symbol);
				assertThat(gone).as(symbol)
					.isAfter(listed)
					.isBetween(LocalDate.of(2024, 3, 1), LocalDate.of(2026, 11, 20));
				List<LocalDate> days = tradingDays(sandbox, symbol);
				assertThat(days).as(symbol).isNotEmpty().allSatisfy((day) -> assertThat(day).isBefore(gone));
				assertThat(days.get(days.size() - 1)).as(symbol).isAfter(gone.minusDays(60));
			}
			// The re-coded Beijing stocks: the old code's window ends where the new one's
			// starts, the new code names the old one.
			List<CodeChange> changes = lists.codeChanges().items();
			assertThat(changes).hasSize(3);
			LocalDate change = LocalDate.of(2025, 10, 9);
			for (CodeChange recoded : changes) {
				assertThat(recoded.previousSymbol()).matches("(43|83|87)\\d{4}\\.BJ");
				assertThat(recoded.symbol()).matches("920\\d{3}\\.BJ");
				assertThat(this.jdbc.queryForObject("select previous_symbol from market.instruments where symbol = ?",
						String.class, recoded.symbol()))
					.isEqualTo(recoded.previousSymbol());
				assertThat(date("list_date", recoded.symbol())).isEqualTo(change);
				assertThat(date("delist_date", recoded.previousSymbol())).isEqualTo(change);
				assertThat(date("list_date", recoded.previousSymbol())).isEqualTo(recoded.listDate());
				assertThat(tradingDays(sandbox, recoded.previousSymbol())).isNotEmpty()
					.allSatisfy((day) -> assertThat(day).isBefore(change));
				assertThat(tradingDays(sandbox, recoded.symbol())).isNotEmpty()
					.allSatisfy((day) -> assertThat(day).isAfterOrEqualTo(change));
			}
			// The other classes, with their exchanges, steps and windows.
			assertThat(row("510300.SH")).isEqualTo("SSE etf 0.001 100 CNY 2015-01-05 - L");
			assertThat(row("000300.SH")).isEqualTo("SSE index 0.01 1 CNY 2005-01-04 - L");
			assertThat(row("899050.BJ")).isEqualTo("BSE index 0.01 1 CNY 2005-01-04 - L");
			assertThat(row("IF2412.CFX")).isEqualTo("CFFEX future 0.2 1 CNY 2010-01-04 2024-12-21 L");
			assertThat(row("RB2605.SHF")).isEqualTo("SHFE future 1 1 CNY 2025-05-15 2026-05-16 L");
			assertThat(row("CF609.ZCE")).startsWith("CZCE future 5 1 CNY ");
			assertThat(row("Au99.99")).isEqualTo("SGE spot 0.01 1 CNY 2010-01-04 - L");
			assertThat(row("USDCNH.FXCM")).isEqualTo("FXCM fx 0.0001 1 CNH - - L");
			assertThat(row("EURUSD.FXCM")).endsWith(" USD - - L");
			assertThat(this.jdbc.queryForList("select exchange from market.instruments where asset_class = 'future' "
					+ "group by exchange order by exchange", String.class))
				.containsExactly("CFFEX", "CZCE", "DCE", "GFEX", "INE", "SHFE");
			String loaded = fingerprint();

			// Another day's run and a forced one store the same.
			assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare", "trade_date", "2026-11-21"))
				.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(fingerprint()).isEqualTo(loaded);
			assertThat(ReferenceRuns
				.launch(app, "instruments", Map.of("source", "tushare", "trade_date", "2026-11-21", "force", "true"))
				.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(fingerprint()).isEqualTo(loaded);
		}
	}

	@Test
	void followsRenamesAndTheBeijingRecodingFromOneDayToALaterOne() throws Exception {
		SandboxSettings early = SandboxSettings.defaults()
			.withToday(LocalDate.of(2024, 5, 31))
			.withTokens(Map.of(SandboxSettings.TOKEN, SandboxSettings.Grant.everything(1_000_000)));
		List<CodeChange> changes;
		try (Sandbox sandbox = Sandbox.start(early);
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox)) {
			assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare", "trade_date", "2024-05-31"))
				.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(new TushareListings(ReferenceRuns.client(sandbox)).codeChanges().items()).isEmpty();
		}
		assertThat(symbols("previous_symbol is not null")).isEmpty();
		assertThat(symbols("name like '沙盒旧名%'")).hasSize(2);
		List<String> legacy = symbols("asset_class = 'stock' and exchange = 'BSE' and symbol !~ '^920'");
		assertThat(legacy).hasSize(3);
		assertThat(this.jdbc.queryForList("select list_status from market.instruments where symbol = any (?)",
				String.class, (Object) legacy.toArray(new String[0])))
			.containsOnly("L");

		try (Sandbox sandbox = ReferenceRuns.sandbox();
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox)) {
			assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare", "trade_date", "2026-11-20"))
				.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			changes = new TushareListings(ReferenceRuns.client(sandbox)).codeChanges().items();
		}
		assertThat(symbols("name like '沙盒旧名%'")).isEmpty();
		assertThat(symbols("name like '沙盒新名%'")).hasSize(2);
		assertThat(changes.stream().map(CodeChange::previousSymbol).toList())
			.containsExactlyInAnyOrderElementsOf(legacy);
		assertThat(this.jdbc.queryForList("select previous_symbol from market.instruments where previous_symbol "
				+ "is not null order by previous_symbol", String.class))
			.containsExactlyElementsOf(legacy.stream().sorted().toList());
		assertThat(this.jdbc.queryForList(
				"select list_status || ' ' || delist_date from market.instruments " + "where symbol = any (?)",
				String.class, (Object) legacy.toArray(new String[0])))
			.containsOnly("D 2025-10-09");
	}

	private List<String> symbols(String condition) {
		return this.jdbc.queryForList("select symbol from market.instruments where " + condition + " order by symbol",
				String.class);
	}

	private LocalDate date(String column, String symbol) {
		return this.jdbc.queryForObject("select " + column + " from market.instruments where symbol = ?",
				LocalDate.class, symbol);
	}

	private String row(String symbol) {
		return this.jdbc.queryForObject("select exchange || ' ' || asset_class || ' ' || tick_size::text || ' ' "
				+ "|| lot_size || ' ' || currency || ' ' || coalesce(list_date::text, '-') || ' ' "
				+ "|| coalesce(delist_date::text, '-') || ' ' || list_status from market.instruments where symbol = ?",
				String.class, symbol);
	}

	private static List<LocalDate> tradingDays(Sandbox sandbox, String symbol) {
		return ReferenceRuns.client(sandbox)
			.daily(symbol, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 11, 20))
			.items()
			.stream()
			.map(DailyBar::tradeDate)
			.toList();
	}

	@Test
	void addsTdxListingsWithoutLosingTheListingDatesTushareGave() throws Exception {
		try (Sandbox sandbox = ReferenceRuns.sandbox();
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox,
						"--marketbase.sources.tdx.base-url=" + sandbox.baseUrl())) {
			assertThat(ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare")).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
			int fromTushare = this.jdbc.queryForObject("select count(*) from market.instruments", Integer.class);
			java.time.OffsetDateTime before = this.jdbc.queryForObject("select max(updated_at) from market.instruments",
					java.time.OffsetDateTime.class);

			JobExecution execution = ReferenceRuns.launch(app, "instruments", Map.of("source", "tdx"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(this.jdbc.queryForObject("select count(*) from market.instruments", Integer.class))
				.isGreaterThanOrEqualTo(fromTushare);
			assertThat(this.jdbc.queryForObject("select count(*) from market.instruments where updated_at > ?",
					Integer.class, before))
				.as("stocks TDX listed again")
				.isGreaterThan(1000);
			assertThat(this.jdbc.queryForObject("select count(*) from market.instruments where list_date is null "
					+ "and asset_class in ('stock', 'etf')", Integer.class))
				.as("stocks TDX lists that Tushare does not")
				.isEqualTo(this.jdbc.queryForObject("select count(*) from market.instruments", Integer.class)
						- fromTushare);
		}
	}

	@Test
	void keepsARejectedStockRowAndNamesItInTheSummary() throws Exception {
		try (Sandbox sandbox = ReferenceRuns.sandbox();
				ConfigurableApplicationContext app = ReferenceRuns.application(sandbox)) {
			int listed = ReferenceRuns.client(sandbox).stocks("L").items().size();
			sandbox.inject("tushare:stock_basic", SandboxFault.IMPOSSIBLE_ROWS, 1);

			JobExecution execution = ReferenceRuns.launch(app, "instruments", Map.of("source", "tushare"));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(execution.getExitStatus().getExitDescription())
				.endsWith("; 1 rows rejected, see market.rejected_rows.");
			assertThat(this.jdbc.queryForObject(
					"select count(*) from market.instruments where asset_class = 'stock' and list_status = 'L'",
					Integer.class))
				.isEqualTo(listed - 1);
			assertThat(this.jdbc.queryForObject(
					"select count(*) from market.rejected_rows where dataset = 'instruments' and source = 'tushare'",
					Integer.class))
				.isOne();
		}
	}

	@Test
	void refusesBadParametersWithOneClearMessage() {
		TestWarehouse.TIMESCALEDB.migrate();
		SourceResolver demo = new SourceResolver(new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("marketbase.sources", SourcesProperties.class), Secret.of(""), true, CallQuota.unlimited(),
				new SourceStates());
		InstrumentsLaunch launch = new InstrumentsLaunch(demo, TestWarehouse.TIMESCALEDB.dataSource());

		assertThatIllegalArgumentException().isThrownBy(() -> launch.parameters(Map.of("exchange", "SH")))
			.withMessage("Unknown parameter 'exchange' for instruments; allowed: allow-mixed-sources, force, source, "
					+ "trade_date.");
		assertThatIllegalArgumentException().isThrownBy(() -> launch.parameters(Map.of("trade_date", "2026-11-31")))
			.withMessage("trade_date '2026-11-31' is not a date; use YYYY-MM-DD, for example 2026-11-20.");
		assertThat(launch.parameters(Map.of("trade_date", "20261120")).getLocalDate("as_of"))
			.isEqualTo(java.time.LocalDate.of(2026, 11, 20));
		assertThat(launch.parameters(Map.of("trade_date", "2026-11-20")).getLocalDate("trade_date"))
			.isEqualTo(java.time.LocalDate.of(2026, 11, 20));
		assertThat(launch.parameters(Map.of()).getLocalDate("trade_date")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> launch.parameters(Map.of("source", "wind")))
			.withMessage("Unknown source 'wind'; use sandbox, tushare, tdx, eastmoney.");
		assertThat(launch.parameters(Map.of()).getString("source")).isEqualTo("sandbox");
	}

	private String fingerprint() {
		return this.jdbc.queryForObject("select count(*) || ' ' || md5(string_agg(symbol || exchange || asset_class "
				+ "|| name || coalesce(list_date::text, '-') || coalesce(delist_date::text, '-') || tick_size "
				+ "|| lot_size || currency || coalesce(previous_symbol, '-') || list_status, ',' order by symbol)) "
				+ "from market.instruments", String.class);
	}

}
