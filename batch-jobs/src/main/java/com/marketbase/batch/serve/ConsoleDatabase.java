package com.marketbase.batch.serve;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.marketbase.batch.warehouse.DatabaseUrl;
import com.marketbase.batch.warehouse.WarehouseInfo;
import com.marketbase.batch.warehouse.storage.ConnectionCheck;
import com.marketbase.batch.warehouse.storage.TableSizes;
import com.marketbase.console.system.DatabaseFacts;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.stereotype.Component;

/**
 * The warehouse database for the console's system page: the same table sizes and
 * connection check as {@code storage} on the command line, the URL with its password
 * hidden.
 */
@Component
class ConsoleDatabase implements DatabaseFacts {

	private final DataSource dataSource;

	private final WarehouseInfo warehouse;

	private final TableSizes sizes;

	ConsoleDatabase(DataSource dataSource, WarehouseInfo warehouse) {
		this.dataSource = dataSource;
		this.warehouse = warehouse;
		this.sizes = new TableSizes(dataSource, warehouse);
	}

	@Override
	public Database database() {
		return new Database(url(), this.warehouse.mode().description(), "PostgreSQL " + this.warehouse.postgresVersion()
				+ ((this.warehouse.timescaledbVersion() != null) ? ", TimescaleDB "
						+ this.warehouse.timescaledbVersion() + " (license " + this.warehouse.timescaledbLicense() + ")"
						: ""),
				this.sizes.all()
					.stream()
					.map((size) -> new Table(size.name(), size.kind(), size.rows(), size.rowsEstimated(), size.bytes(),
							size.compressedBytes(), size.compressionRatio()))
					.toList());
	}

	@Override
	public Check check() {
		ConnectionCheck check = ConnectionCheck.of(this.dataSource);
		return new Check(check.ok(), check.millis(), check.message(), check.flywayVersion(),
				check.timescaledbLicense());
	}

	private String url() {
		if (this.dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
			return new DatabaseUrl(hikari.getJdbcUrl()).redacted();
		}
		try (Connection connection = this.dataSource.getConnection()) {
			return new DatabaseUrl(connection.getMetaData().getURL()).redacted();
		}
		catch (SQLException ex) {
			return "unknown";
		}
	}

}
