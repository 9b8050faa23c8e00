package com.marketbase.batch.warehouse.storage;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.WarehouseModeDetector;
import com.marketbase.batch.warehouse.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table sizes and the connection check in the three warehouse modes, compression where
 * the license has it.
 */
class TableSizesIntegrationTests {

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void countsEveryTableAndReadsCompressionWhereTheLicenseHasIt(TestWarehouse warehouse) {
		DataSource dataSource = warehouse.dataSource();
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		// Two weeks of a few symbols, long ago, so that whole chunks can be compressed.
		jdbc.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
				+ "load_batch_id) select 'S' || s, timestamptz '2025-01-02 09:31+08' + m * interval '1 minute', "
				+ "10 + m % 7, 11 + m % 7, 9 + m % 7, 10 + m % 5, 100 + m, 1000 + m, 'sandbox', 1 "
				+ "from generate_series(1, 5) s, generate_series(0, 14 * 1440, 5) m");
		long inserted = jdbc.queryForObject("select count(*) from market.bars_1m", Long.class);
		WarehouseInfo info = new WarehouseModeDetector(dataSource).detect();
		if (warehouse == TestWarehouse.TIMESCALEDB_TSL) {
			jdbc.queryForList("select compress_chunk(c)::text from show_chunks('market.bars_1m') c", String.class);
		}

		Map<String, TableSize> sizes = new TableSizes(dataSource, info).all()
			.stream()
			.collect(Collectors.toMap(TableSize::name, Function.identity()));

		TableSize bars = sizes.get("bars_1m");
		assertThat(bars.rows()).isEqualTo(inserted);
		assertThat(bars.rowsEstimated()).isFalse();
		assertThat(bars.bytes()).isPositive();
		assertThat(sizes.get("load_units").kind()).isEqualTo("table");
		assertThat(sizes.get("load_units").rows()).isZero();
		switch (warehouse) {
			case EMBEDDED -> {
				assertThat(bars.kind()).isEqualTo("table");
				assertThat(bars.compressedBytes()).isNull();
			}
			case TIMESCALEDB -> {
				assertThat(bars.kind()).isEqualTo("hypertable");
				assertThat(bars.compressedBytes()).isNull();
				assertThat(sizes).doesNotContainKey("bars_5m_cagg");
			}
			case TIMESCALEDB_TSL -> {
				assertThat(bars.kind()).isEqualTo("hypertable");
				assertThat(bars.compressedBytes()).isPositive();
				assertThat(bars.uncompressedBytes()).isGreaterThan(bars.compressedBytes());
				assertThat(bars.compressionRatio()).isGreaterThan(1.0);
				assertThat(sizes.values().stream().filter((size) -> size.kind().equals("continuous aggregate")))
					.isNotEmpty();
			}
		}
		// Largest first.
		List<Long> bytes = new TableSizes(dataSource, info).all().stream().map(TableSize::bytes).toList();
		assertThat(bytes).isSortedAccordingTo((a, b) -> Long.compare(b, a));
	}

	@Test
	void aConnectionCheckSaysInOneLineWhyTheDatabaseDidNotAnswerWithoutThePassword() {
		DriverManagerDataSource nowhere = new DriverManagerDataSource(
				"jdbc:postgresql://127.0.0.1:1/marketbase?user=marketbase&password=very-secret&connectTimeout=2");

		ConnectionCheck check = ConnectionCheck.of(nowhere);

		assertThat(check.ok()).isFalse();
		assertThat(check.message()).startsWith("The warehouse did not answer: ")
			.doesNotContain("very-secret")
			.doesNotContain("\n");
		assertThat(check.millis()).isLessThan(30_000);
	}

	@Test
	void aConnectionCheckReadsTheServerTheLicenseAndTheLastMigration() {
		TestWarehouse warehouse = TestWarehouse.TIMESCALEDB;
		warehouse.migrate();

		ConnectionCheck check = ConnectionCheck.of(warehouse.dataSource());

		assertThat(check.ok()).as(check.message()).isTrue();
		assertThat(check.timescaledbLicense()).isEqualTo("apache");
		assertThat(check.flywayVersion()).isEqualTo(new JdbcTemplate(warehouse.dataSource()).queryForObject(
				"select max(version::bigint)::text from flyway_schema_history where version is not null",
				String.class));
	}

}
