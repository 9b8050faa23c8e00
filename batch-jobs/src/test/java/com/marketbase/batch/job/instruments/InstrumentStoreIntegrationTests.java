package com.marketbase.batch.job.instruments;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.warehouse.reference.MarketReference;
import com.marketbase.batch.job.reference.ReferenceRuns;
import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.reference.ReferenceItem;
import com.marketbase.batch.source.tushare.TushareListings;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instrument store in every warehouse mode: the sandbox's lists of every asset class,
 * read through the real Tushare connector, stored twice, give the same rows everywhere.
 */
class InstrumentStoreIntegrationTests {

	private static final Map<TestWarehouse, String> stored = new EnumMap<>(TestWarehouse.class);

	private static Sandbox sandbox;

	private static List<List<ReferenceItem>> lists;

	@BeforeAll
	static void readTheLists() {
		sandbox = ReferenceRuns.sandbox();
		TushareListings source = new TushareListings(ReferenceRuns.client(sandbox));
		List<Fetched<? extends ReferenceItem>> fetched = new ArrayList<>(List.of(source.stocks("L"), source.stocks("D"),
				source.stocks("P"), source.exchangeFunds(), source.indexes("SSE"), source.indexes("SZSE"),
				source.indexes("OTH"), source.spotContracts(), source.fxPairs()));
		for (String exchange : List.of("CFFEX", "SHFE", "DCE", "CZCE", "INE", "GFEX")) {
			fetched.add(source.futures(exchange));
		}
		fetched.add(source.codeChanges());
		lists = fetched.stream().map((read) -> List.<ReferenceItem>copyOf(read.items())).toList();
	}

	@AfterAll
	static void stopSandbox() {
		sandbox.close();
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void storesEveryClassAndTheRecodingTheSameInEveryMode(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		MarketReference reference = new MarketReference(warehouse.dataSource());
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());

		lists.forEach(reference::storeInstruments);
		String once = fingerprint(jdbc);
		lists.forEach(reference::storeInstruments);

		assertThat(fingerprint(jdbc)).isEqualTo(once);
		assertThat(jdbc.queryForList("select asset_class || ' ' || count(*) from market.instruments "
				+ "group by asset_class order by asset_class", String.class))
			// The seven macro series come with the migrations, not from a source.
			.containsExactly("etf 30", "future 10", "future_main 7", "fx 6", "index 7", "macro 7", "spot 3",
					"stock 5014");
		assertThat(jdbc.queryForObject(
				"select count(*) from market.instruments n join market.instruments o "
						+ "on o.symbol = n.previous_symbol where o.delist_date = n.list_date and o.list_status = 'D'",
				Integer.class))
			.isEqualTo(3);
		stored.put(warehouse, once);
		assertThat(stored.values()).as("the same rows in every mode").containsOnly(once);
	}

	private static String fingerprint(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select count(*) || ' ' || md5(string_agg(symbol || exchange || asset_class || name "
				+ "|| coalesce(list_date::text, '-') || coalesce(delist_date::text, '-') || tick_size::text "
				+ "|| lot_size || currency || coalesce(previous_symbol, '-') || list_status, ',' order by symbol)) "
				+ "from market.instruments", String.class);
	}

}
