package com.marketbase.batch.warehouse;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
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
		// Only PGlite, the local TSL target, takes no COPY FROM STDIN.
		if (warehouse != TestWarehouse.TIMESCALEDB_TSL) {
			assertThat(info.copyFromStdin()).isTrue();
		}
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
		// The levels that are not continuous aggregates are columns of one row per
		// symbol and 5-minute end, which a writer fills with one COPY.
		List<String> views = jdbc.queryForList("select c.relname from pg_depend d "
				+ "join pg_rewrite r on r.oid = d.objid join pg_class c on c.oid = r.ev_class "
				+ "where d.refobjid = 'market.bar_levels'::regclass and c.relname <> 'bar_levels' "
				+ "group by c.relname order by 1", String.class);
		if (mode.hasContinuousAggregates()) {
			assertThat(views).containsExactly("bars_60m");
		}
		else {
			assertThat(views).containsExactly("bars_15m", "bars_30m", "bars_5m", "bars_60m");
		}
		assertThat(jdbc.queryForObject("select to_regclass('market.bar_rollups') is null", Boolean.class)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(TestWarehouse.class)
	void keepsTheStoredLevelsWhenTheyMoveIntoOneRowPerFiveMinutes(TestWarehouse warehouse) {
		warehouse.reset();
		Flyway.configure()
			.dataSource(warehouse.dataSource())
			.locations("classpath:db/migration")
			.target("202611231000")
			.load()
			.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(warehouse.dataSource());
		boolean rollups = !warehouse.expectedMode().hasContinuousAggregates();
		// Two days of one symbol: a complete one, and one whose 10:30 has a 60-minute bar
		// but no 5-minute bar (bars missing from its morning).
		List<String> levels = rollups ? List.of("5m", "15m", "30m", "60m") : List.of("60m");
		for (String level : levels) {
			int minutes = Integer.parseInt(level.replace("m", ""));
			jdbc.update("insert into market.bars_" + level + " (symbol, ts, open, high, low, close, volume, amount) "
					+ "select '600000.SH', t, 7.35, 7.41, 7.30, 7.352, " + minutes + ", 1000.50 "
					+ "from generate_series(timestamptz '2026-11-19 09:30+08' + make_interval(mins => ?), "
					+ "timestamptz '2026-11-19 11:30+08', make_interval(mins => ?)) t", minutes, minutes);
		}
		jdbc.update("insert into market.bars_60m (symbol, ts, open, high, low, close, volume, amount) "
				+ "values ('600000.SH', timestamptz '2026-11-20 10:30+08', 1, 2, 0.5, 1.5, 7, 8.25)");
		Map<String, List<Map<String, Object>>> before = new java.util.TreeMap<>();
		for (String level : levels) {
			before.put(level, jdbc.queryForList("select * from market.bars_" + level + " order by symbol, ts"));
		}

		warehouse.migrate();

		for (String level : levels) {
			assertThat(jdbc.queryForList("select * from market.bars_" + level + " order by symbol, ts")).as(level)
				.isEqualTo(before.get(level))
				.isNotEmpty();
		}
		assertThat(jdbc.queryForObject("select count(*) from market.bar_levels", Integer.class))
			.isEqualTo(rollups ? 24 + 1 : 2 + 1);
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
