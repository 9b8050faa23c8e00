package com.marketbase.batch.warehouse.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.AggregateWindow;
import com.marketbase.batch.warehouse.BarAggregateRefresher;
import com.marketbase.batch.warehouse.TestWarehouse;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.WarehouseModeDetector;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With {@code bars_1m} compressed after 7 days, gap healing and backfills write into
 * compressed chunks. The minute writer sends new bars by COPY and, when some are stored
 * already (unique violation), rolls back to a savepoint and upserts them from a temporary
 * staging table with {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}. The conformance
 * target takes no COPY, so the same statements run here as plain INSERTs into a chunk the
 * compression policy compressed, and the rows and their aggregates are read back.
 */
class CompressedChunkBackfillIntegrationTests {

	// The writer's upsert, as MinuteBarWriter sends it.
	private static final String UPSERT = """
			insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, load_batch_id)
			select symbol, ts, open, high, low, close, volume, amount, 'sandbox', 2 from minute_bars_staging
			on conflict (symbol, ts) do update set open = excluded.open, high = excluded.high,
				low = excluded.low, close = excluded.close, volume = excluded.volume, amount = excluded.amount,
				source = excluded.source, load_batch_id = excluded.load_batch_id, loaded_at = now()""";

	@Test
	void theWritersInsertAndUpsertGoIntoACompressedChunkAndReadBackCorrected() throws SQLException {
		TestWarehouse warehouse = TestWarehouse.TIMESCALEDB_TSL;
		warehouse.freshlyMigrated();
		DataSource dataSource = warehouse.dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		LocalDate day = LocalDate.now(AggregateWindow.MARKET_ZONE).minusDays(40);
		// 09:31 to 10:30 of two symbols, S1 without its 10:00 bar: a hole to heal.
		jdbc.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
				+ "load_batch_id) select 'S' || s, (?::date + time '09:30') at time zone 'Asia/Shanghai' + m * "
				+ "interval '1 minute', 10, 11, 9, 10, 100, 1000, 'sandbox', 1 from generate_series(1, 2) s, "
				+ "generate_series(1, 60) m where not (s = 1 and m = 30)", day);
		WarehouseInfo info = new WarehouseModeDetector(dataSource).detect();
		BarAggregateRefresher aggregates = new BarAggregateRefresher(dataSource, info.mode());
		aggregates.refresh(AggregateWindow.days(day, day));
		assertThat(volume5m(jdbc, "S1", day, "10:00")).isEqualTo(400);
		new StorageMaintenance(dataSource, info, StoragePolicies.defaults()).run();
		jdbc.execute("call run_job(" + StorageMaintenanceIntegrationTests.jobId(jdbc, "policy_compression", "bars_1m")
				+ ")");
		jdbc.queryForList("select compress_chunk(c, if_not_compressed => true)::text from "
				+ "show_chunks('market.bars_5m_cagg') c", String.class);
		assertThat(compressed(jdbc, "bars_1m", day)).as("the day's chunk is compressed").isTrue();

		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				// The healed hole and a correction of a stored bar: the COPY meets the
				// stored one and the chunk takes the upsert.
				Savepoint beforeCopy = connection.setSavepoint();
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> statement.executeUpdate(insert("market.bars_1m", day, true)))
					.extracting(SQLException::getSQLState)
					.isEqualTo("23505");
				connection.rollback(beforeCopy);
				statement.execute("create temporary table if not exists minute_bars_staging (symbol text, "
						+ "ts timestamptz, open numeric, high numeric, low numeric, close numeric, volume bigint, "
						+ "amount numeric) on commit delete rows");
				statement.executeUpdate(insert("minute_bars_staging", day, false));
				assertThat(statement.executeUpdate(UPSERT)).isEqualTo(2);
				connection.commit();
				// New bars alone go straight in.
				statement.executeUpdate("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, "
						+ "amount, source, load_batch_id) values ('S3', " + at(day, "09:31") + ", 20, 21, 19, 20, 300, "
						+ "6000, 'sandbox', 3)");
				connection.commit();
			}
			finally {
				connection.setAutoCommit(true);
			}
		}

		assertThat(jdbc.queryForObject("select count(*) from market.bars_1m", Long.class)).isEqualTo(121);
		Map<String, Object> healed = bar(jdbc, "S1", day, "10:00");
		assertThat(healed).containsEntry("close", "10.5").containsEntry("volume", 150L).containsEntry("batch", 2L);
		Map<String, Object> corrected = bar(jdbc, "S2", day, "09:31");
		assertThat(corrected).containsEntry("high", "12.25").containsEntry("volume", 175L).containsEntry("batch", 2L);
		assertThat(bar(jdbc, "S3", day, "09:31")).containsEntry("close", "20").containsEntry("batch", 3L);
		assertThat(bar(jdbc, "S2", day, "09:32")).containsEntry("close", "10").containsEntry("batch", 1L);
		// The chunk stays compressed, partly: the policy's next run compresses the rest.
		assertThat(compressed(jdbc, "bars_1m", day)).isTrue();

		aggregates.refresh(AggregateWindow.days(day, day));

		assertThat(volume5m(jdbc, "S1", day, "10:00")).isEqualTo(550);
		assertThat(jdbc.queryForObject(
				"select high::text from market.bars_5m where symbol = 'S2' and ts = " + at(day, "09:35"), String.class))
			.isEqualTo("12.25");
	}

	@Test
	void anUpsertIntoACompressedChunkDecompressesTheSymbolsBatchWithinTheLimit() {
		TestWarehouse warehouse = TestWarehouse.TIMESCALEDB_TSL;
		warehouse.freshlyMigrated();
		DataSource dataSource = warehouse.dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		LocalDate day = LocalDate.now(AggregateWindow.MARKET_ZONE).minusDays(40);
		// A symbol's full week: 5 days of 240 bars.
		jdbc.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, amount, source, "
				+ "load_batch_id) select 'S1', (?::date + d + time '09:30') at time zone 'Asia/Shanghai' + m * "
				+ "interval '1 minute', 10, 11, 9, 10, 100, 1000, 'sandbox', 1 from generate_series(0, 4) d, "
				+ "generate_series(1, 240) m", day);
		jdbc.queryForList("select compress_chunk(c)::text from show_chunks('market.bars_1m') c", String.class);

		// One bar's upsert, with a limit below what it decompresses.
		jdbc.execute("begin");
		jdbc.execute("set local timescaledb.max_tuples_decompressed_per_dml_transaction = 10");
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> jdbc.update("insert into market.bars_1m (symbol, ts, open, high, low, close, volume, "
					+ "amount, source, load_batch_id) values ('S1', " + at(day, "09:31") + ", 1, 1, 1, 1, 1, 1, "
					+ "'sandbox', 2) on conflict (symbol, ts) do update set close = excluded.close"))
			.withMessageContaining("tuple decompression limit exceeded");
		jdbc.execute("rollback");
		assertThat(jdbc.queryForObject("show timescaledb.max_tuples_decompressed_per_dml_transaction", String.class))
			.isEqualTo("100000");
	}

	private static String insert(String table, LocalDate day, boolean stamped) {
		String columns = stamped ? ", source, load_batch_id" : "";
		String stamp = stamped ? ", 'sandbox', 2" : "";
		return "insert into " + table + " (symbol, ts, open, high, low, close, volume, amount" + columns
				+ ") values ('S1', " + at(day, "10:00") + ", 10.5, 11, 10, 10.5, 150, 1575" + stamp + "), ('S2', "
				+ at(day, "09:31") + ", 10, 12.25, 9, 10, 175, 1750" + stamp + ")";
	}

	private static String at(LocalDate day, String time) {
		return "timestamptz '" + day + " " + time + "+08'";
	}

	private static Map<String, Object> bar(JdbcTemplate jdbc, String symbol, LocalDate day, String time) {
		return jdbc.queryForMap("select close::text as close, high::text as high, volume, load_batch_id as batch "
				+ "from market.bars_1m where symbol = ? and ts = " + at(day, time), symbol);
	}

	private static long volume5m(JdbcTemplate jdbc, String symbol, LocalDate day, String time) {
		return jdbc.queryForObject("select volume from market.bars_5m where symbol = ? and ts = " + at(day, time),
				Long.class, symbol);
	}

	private static boolean compressed(JdbcTemplate jdbc, String hypertable, LocalDate day) {
		return jdbc.queryForObject("select bool_or(is_compressed) from timescaledb_information.chunks where "
				+ "hypertable_schema = 'market' and hypertable_name = ? and range_start <= ?::date "
				+ "and range_end > ?::date", Boolean.class, hypertable, day, day);
	}

}
