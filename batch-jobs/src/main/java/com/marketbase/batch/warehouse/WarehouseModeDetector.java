package com.marketbase.batch.warehouse;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the warehouse mode from the migrated schema rather than from the server's
 * abilities alone: a database migrated before its license changed keeps the objects it
 * was built with, and the aggregate refresh has to match those objects.
 */
public final class WarehouseModeDetector {

	private final JdbcTemplate jdbc;

	public WarehouseModeDetector(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Detects the mode of a migrated warehouse.
	 * @return what the database is and can do
	 */
	public WarehouseInfo detect() {
		String postgresVersion = this.jdbc.queryForObject("show server_version", String.class);
		// PGlite's version() names the compiler that built it for WebAssembly.
		boolean copyFromStdin = !Boolean.TRUE
			.equals(this.jdbc.queryForObject("select version() ilike '%emscripten%'", Boolean.class));
		String timescaledbVersion = this.jdbc.query("select extversion from pg_extension where extname = 'timescaledb'",
				(rs) -> rs.next() ? rs.getString(1) : null);
		if (timescaledbVersion == null) {
			return new WarehouseInfo(WarehouseMode.PLAIN, shortVersion(postgresVersion), null, null, copyFromStdin);
		}
		String license = this.jdbc.queryForObject("select current_setting('timescaledb.license', true)", String.class);
		Integer continuousAggregates = this.jdbc.queryForObject("""
				select count(*) from timescaledb_information.continuous_aggregates
				where view_schema = 'market' and view_name = 'bars_5m_cagg'""", Integer.class);
		WarehouseMode mode = (continuousAggregates != null && continuousAggregates > 0) ? WarehouseMode.TIMESCALEDB_FULL
				: WarehouseMode.TIMESCALEDB_APACHE;
		return new WarehouseInfo(mode, shortVersion(postgresVersion), timescaledbVersion, license, copyFromStdin);
	}

	// "17.6 (Debian 17.6-1)" -> "17.6"
	private static String shortVersion(String version) {
		int space = version.indexOf(' ');
		return (space > 0) ? version.substring(0, space) : version;
	}

}
