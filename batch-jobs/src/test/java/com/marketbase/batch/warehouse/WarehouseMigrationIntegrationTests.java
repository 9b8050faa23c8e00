package com.marketbase.batch.warehouse;

import java.io.IOException;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations build the same warehouse in each of the three modes, and detection names
 * the mode each database runs in.
 */
class WarehouseMigrationIntegrationTests {

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void migrationsApplyAndReapplyCleanly(TestWarehouse warehouse) throws IOException {
		int migrations = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*.sql").length;

		MigrateResult fresh = warehouse.freshlyMigrated();
		MigrateResult again = warehouse.migrate();
		MigrateResult rebuilt = warehouse.freshlyMigrated();

		assertThat(fresh.success).isTrue();
		assertThat(fresh.migrationsExecuted).isEqualTo(migrations);
		assertThat(again.migrationsExecuted).isZero();
		assertThat(rebuilt.migrationsExecuted).isEqualTo(migrations);
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void detectsTheModeOfEachDatabase(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();

		WarehouseInfo info = new WarehouseModeDetector(warehouse.dataSource()).detect();

		assertThat(info.mode()).isEqualTo(warehouse.expectedMode());
		assertThat(info.postgresVersion()).matches("\\d+(\\.\\d+)?");
		assertThat(info.timescaledbVersion() != null).isEqualTo(info.mode().hasHypertables());
		assertThat(info.describe()).startsWith(info.mode().description());
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void storesEachModeWithItsOwnMeans(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		WarehouseMode mode = warehouse.expectedMode();

		if (mode.hasHypertables()) {
			assertThat(jdbc.queryForList("select hypertable_name from timescaledb_information.hypertables "
					+ "where hypertable_schema = 'market' and hypertable_name in ('bars_1m', 'bars_daily') "
					+ "order by 1", String.class))
				.containsExactly("bars_1m", "bars_daily");
		}
		if (mode.hasContinuousAggregates()) {
			assertThat(jdbc.queryForList("select view_name from timescaledb_information.continuous_aggregates "
					+ "where view_schema = 'market' and materialized_only order by 1", String.class))
				.containsExactly("bars_15m_cagg", "bars_30m_cagg", "bars_5m_cagg");
			assertThat(jdbc.queryForList("select attname from timescaledb_information.compression_settings "
					+ "where hypertable_schema = 'market' and hypertable_name = 'bars_1m' and segmentby_column_index = 1",
					String.class))
				.containsExactly("symbol");
		}
		// The levels that are not continuous aggregates are partitions of one table,
		// which a writer fills with one COPY.
		List<String> partitions = jdbc.queryForList("select c.relname || ':' || pg_get_expr(c.relpartbound, c.oid) "
				+ "from pg_inherits i join pg_class c on c.oid = i.inhrelid "
				+ "where i.inhparent = 'market.bar_rollups'::regclass order by 1", String.class);
		if (mode.hasContinuousAggregates()) {
			assertThat(partitions).containsExactly("bar_rollups_60m:FOR VALUES IN ('60')");
		}
		else {
			assertThat(partitions).containsExactly("bar_rollups_15m:FOR VALUES IN ('15')",
					"bar_rollups_30m:FOR VALUES IN ('30')", "bar_rollups_5m:FOR VALUES IN ('5')",
					"bar_rollups_60m:FOR VALUES IN ('60')");
		}
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void answersTheSameQueriesInEveryMode(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());

		for (String table : List.of("bars_5m", "bars_15m", "bars_30m", "bars_60m")) {
			assertThat(columns(jdbc, table)).as(table)
				.containsExactly("symbol:text", "ts:timestamp with time zone", "open:numeric", "high:numeric",
						"low:numeric", "close:numeric", "volume:bigint", "amount:numeric");
		}
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void readsPricesBackExactlyAsStored(TestWarehouse warehouse) {
		warehouse.freshlyMigrated();
		DataSource dataSource = warehouse.dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);

		jdbc.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
				+ "load_batch_id) values ('518880.SH', timestamptz '2025-08-01 15:00+08', 7.352, 7.353, 7.351, "
				+ "7.352, 1343100, 9874709.00, 'test', 0)");

		assertThat(jdbc.queryForObject("select open::text || ' ' || high::text || ' ' || low::text from market.bars_1m",
				String.class))
			.isEqualTo("7.352 7.353 7.351");
	}

	private static List<String> columns(JdbcTemplate jdbc, String table) {
		return jdbc.queryForList(
				"select column_name || ':' || data_type from information_schema.columns "
						+ "where table_schema = 'market' and table_name = ? order by ordinal_position",
				String.class, table);
	}

}
