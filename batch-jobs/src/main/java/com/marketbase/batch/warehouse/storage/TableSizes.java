package com.marketbase.batch.warehouse.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.WarehouseMode;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads what every table of schema {@code market} takes: a hypertable's size is the sum
 * of its chunks ({@code hypertable_size}), a continuous aggregate's that of its
 * materialization hypertable, any other table's {@code pg_total_relation_size}.
 * Compression is read only where the license has it. Rows are counted up to
 * {@value #COUNTED_UP_TO} and estimated above, so the page stays quick on a grown
 * warehouse.
 */
public final class TableSizes {

	/** Tables with fewer estimated rows than this are counted exactly. */
	static final long COUNTED_UP_TO = 200_000;

	private final JdbcTemplate jdbc;

	private final WarehouseInfo warehouse;

	public TableSizes(DataSource dataSource, WarehouseInfo warehouse) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.warehouse = warehouse;
	}

	/**
	 * Every table, largest first.
	 * @return the sizes
	 */
	public List<TableSize> all() {
		Map<String, String> hypertables = new HashMap<>();
		Map<String, String> aggregates = new HashMap<>();
		if (this.warehouse.mode().hasHypertables()) {
			this.jdbc
				.queryForList("select hypertable_name from timescaledb_information.hypertables "
						+ "where hypertable_schema = 'market'", String.class)
				.forEach((name) -> hypertables.put(name, "market." + quoted(name)));
		}
		if (this.warehouse.mode().hasContinuousAggregates()) {
			this.jdbc.query("""
					select view_name, materialization_hypertable_schema, materialization_hypertable_name
					from timescaledb_information.continuous_aggregates where view_schema = 'market'""", (rs) -> {
				aggregates.put(rs.getString(1), quoted(rs.getString(2)) + "." + quoted(rs.getString(3)));
			});
		}
		List<TableSize> sizes = new ArrayList<>();
		for (String table : this.jdbc.queryForList("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'market' and c.relkind in ('r', 'p', 'm') and not c.relispartition
				order by 1""", String.class)) {
			String hypertable = hypertables.get(table);
			sizes.add((hypertable != null) ? ofHypertable(table, "hypertable", hypertable)
					: ofTable(table, "market." + quoted(table)));
		}
		aggregates.forEach((view, materialized) -> sizes.add(ofHypertable(view, "continuous aggregate", materialized)));
		sizes.sort(Comparator.comparingLong(TableSize::bytes).reversed().thenComparing(TableSize::name));
		return sizes;
	}

	private TableSize ofTable(String name, String relation) {
		Long bytes = this.jdbc.queryForObject("select pg_total_relation_size(?::regclass)", Long.class, relation);
		Long estimate = this.jdbc.queryForObject("select reltuples::bigint from pg_class where oid = ?::regclass",
				Long.class, relation);
		return rows(name, "table", relation, (estimate != null) ? estimate : -1, (bytes != null) ? bytes : 0, null,
				null);
	}

	private TableSize ofHypertable(String name, String kind, String relation) {
		Long bytes = this.jdbc.queryForObject("select coalesce(hypertable_size(?::regclass), 0)", Long.class, relation);
		Long estimate = this.jdbc.queryForObject("select approximate_row_count(?::regclass)", Long.class, relation);
		Long compressed = null;
		Long uncompressed = null;
		if (compresses(this.warehouse.mode())) {
			Map<String, Object> stats = this.jdbc.queryForMap("""
					select sum(after_compression_total_bytes)::bigint as compressed,
					       sum(before_compression_total_bytes)::bigint as uncompressed
					from hypertable_compression_stats(?::regclass)""", relation);
			compressed = number(stats.get("compressed"));
			uncompressed = number(stats.get("uncompressed"));
		}
		return rows(name, kind, relation, (estimate != null) ? estimate : -1, (bytes != null) ? bytes : 0, compressed,
				uncompressed);
	}

	// The estimate is -1 or 0 before the first ANALYZE: small and fresh tables are
	// counted.
	private TableSize rows(String name, String kind, String relation, long estimate, long bytes,
			@Nullable Long compressed, @Nullable Long uncompressed) {
		if (estimate >= COUNTED_UP_TO) {
			return new TableSize(name, kind, estimate, true, bytes, compressed, uncompressed);
		}
		Long counted = this.jdbc.queryForObject("select count(*) from " + relation, Long.class);
		return new TableSize(name, kind, (counted != null) ? counted : 0, false, bytes, compressed, uncompressed);
	}

	private static @Nullable Long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : null;
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/**
	 * Whether a warehouse mode can compress chunks.
	 * @param mode the mode
	 * @return true under the timescale license
	 */
	static boolean compresses(WarehouseMode mode) {
		return mode.hasContinuousAggregates();
	}

}
