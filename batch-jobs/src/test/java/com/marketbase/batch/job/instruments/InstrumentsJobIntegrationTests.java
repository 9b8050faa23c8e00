package com.marketbase.batch.job.instruments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxFault;
import com.marketbase.batch.source.Instrument;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
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
			assertThat(execution.getExitStatus().getExitDescription()).startsWith("A-shares stored: BSE ");
			assertThat(this.jdbc.queryForList("select symbol from market.instruments order by symbol", String.class))
				.containsExactlyElementsOf(listed);
			Map<String, Integer> perSuffix = new HashMap<>();
			this.jdbc.query("select split_part(symbol, '.', 2), count(*) from market.instruments group by 1", (rs) -> {
				perSuffix.put(rs.getString(1), rs.getInt(2));
			});
			assertThat(perSuffix).containsOnlyKeys("SH", "SZ", "BJ");
			assertThat(perSuffix.values()).allSatisfy((count) -> assertThat(count).isGreaterThan(100));
			assertThat(perSuffix.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(1000);
			assertThat(this.jdbc.queryForObject("select count(*) from market.instruments where list_date is null "
					+ "or asset_class <> 'stock' or exchange not in ('SSE', 'SZSE', 'BSE')", Integer.class))
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
			assertThat(this.jdbc.queryForObject("select count(*) from market.instruments where list_date is null",
					Integer.class))
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
			assertThat(this.jdbc.queryForObject("select count(*) from market.instruments", Integer.class))
				.isEqualTo(listed - 1);
			assertThat(this.jdbc.queryForObject(
					"select count(*) from market.rejected_rows where dataset = 'instruments' and source = 'tushare'",
					Integer.class))
				.isOne();
		}
	}

	@Test
	void refusesBadParametersWithOneClearMessage() {
		InstrumentsLaunch launch = new InstrumentsLaunch(
				new com.marketbase.batch.job.reference.ReferenceJobProperties("sandbox"));

		assertThatIllegalArgumentException().isThrownBy(() -> launch.parameters(Map.of("exchange", "SH")))
			.withMessage("Unknown parameter 'exchange' for instruments; allowed: force, source.");
		assertThatIllegalArgumentException().isThrownBy(() -> launch.parameters(Map.of("source", "wind")))
			.withMessage("Unknown source 'wind'; use tushare, tdx or sandbox.");
		assertThat(launch.parameters(Map.of()).getString("source")).isEqualTo("sandbox");
	}

	private String fingerprint() {
		return this.jdbc.queryForObject("select count(*) || ' ' || md5(string_agg(symbol || exchange || asset_class "
				+ "|| name || coalesce(list_date::text, '-') || coalesce(delist_date::text, '-') || tick_size "
				+ "|| lot_size || currency || coalesce(previous_symbol, '-'), ',' order by symbol)) "
				+ "from market.instruments", String.class);
	}

}
