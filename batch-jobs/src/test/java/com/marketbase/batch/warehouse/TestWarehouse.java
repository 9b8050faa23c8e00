package com.marketbase.batch.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The three databases the warehouse tests run against, one per mode.
 * <ul>
 * <li>{@link #EMBEDDED}: an embedded PostgreSQL 17 without TimescaleDB (plain mode).</li>
 * <li>{@link #TIMESCALEDB}: the TimescaleDB given by {@code spring.datasource.url}
 * (system property or {@code SPRING_DATASOURCE_URL}); {@code ops/test.sh} passes the
 * local Apache-licensed one. With none given and a Docker engine present, a
 * Testcontainers TimescaleDB OSS image.</li>
 * <li>{@link #TIMESCALEDB_TSL}: a TimescaleDB with the timescale license given by
 * {@code MARKETBASE_TSL_URL}; {@code ops/test.sh} passes the local conformance target.
 * With none given and Docker present, a Testcontainers TimescaleDB image. It may accept
 * one connection at a time, so tests get a single shared connection.</li>
 * </ul>
 * With neither a URL nor Docker a test fails at once saying how to start the databases;
 * it is never skipped.
 */
public enum TestWarehouse {

	EMBEDDED, TIMESCALEDB, TIMESCALEDB_TSL;

	private static final String HOW_TO_START = "run the tests with 'ops/test.sh', which starts the local "
			+ "TimescaleDB and the TSL target, or start them with 'ops/test-databases.sh' and export what it prints";

	private static final Map<TestWarehouse, DataSource> dataSources = new EnumMap<>(TestWarehouse.class);

	private static final Map<TestWarehouse, String> urls = new EnumMap<>(TestWarehouse.class);

	private static EmbeddedPostgres embedded;

	/**
	 * The target's database, started or connected once per test JVM.
	 * @return a data source for the target
	 */
	public synchronized DataSource dataSource() {
		return dataSources.computeIfAbsent(this, TestWarehouse::connect);
	}

	/**
	 * Drops everything the migrations create and migrates from scratch.
	 * @return the result of the fresh migration
	 */
	public MigrateResult freshlyMigrated() {
		reset();
		return migrate();
	}

	public MigrateResult migrate() {
		return Flyway.configure().dataSource(dataSource()).locations("classpath:db/migration").load().migrate();
	}

	/**
	 * Removes the warehouse schema, the job repository and the migration history. The
	 * TimescaleDB extension stays: it belongs to the server set-up, and the migrations
	 * only create it when missing.
	 */
	public void reset() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource());
		jdbc.execute("drop schema if exists market cascade");
		jdbc.execute("drop table if exists flyway_schema_history, batch_step_execution_context, "
				+ "batch_job_execution_context, batch_step_execution, batch_job_execution_params, "
				+ "batch_job_execution, batch_job_instance cascade");
		jdbc.execute("drop sequence if exists batch_step_execution_seq, batch_job_execution_seq, "
				+ "batch_job_instance_seq");
	}

	/**
	 * Closes the tests' shared connection, so that an application in this JVM can take
	 * the only one a one-connection target (the TSL target) has; the next use of
	 * {@link #dataSource()} opens it again.
	 */
	public synchronized void release() {
		if (dataSources.get(this) instanceof SingleConnectionDataSource single) {
			single.resetConnection();
		}
	}

	/**
	 * The mode this target must be detected in, established without the detector.
	 * @return the expected mode
	 */
	WarehouseMode expectedMode() {
		if (this == EMBEDDED) {
			return WarehouseMode.PLAIN;
		}
		String license = new JdbcTemplate(dataSource()).queryForObject("show timescaledb.license", String.class);
		return "timescale".equals(license) ? WarehouseMode.TIMESCALEDB_FULL : WarehouseMode.TIMESCALEDB_APACHE;
	}

	/**
	 * The target's JDBC URL, as the application would be configured with it.
	 * @return the URL, with credentials where the target needs them
	 */
	public synchronized String jdbcUrl() {
		dataSource();
		return urls.get(this);
	}

	private DataSource connect() {
		return switch (this) {
			case EMBEDDED -> {
				urls.put(this, embedded().getJdbcUrl("postgres", "postgres"));
				yield embedded().getPostgresDatabase();
			}
			case TIMESCALEDB -> connectOrContainer(configured("spring.datasource.url", "SPRING_DATASOURCE_URL"),
					"timescale/timescaledb:2.19.3-pg17-oss");
			case TIMESCALEDB_TSL -> connectOrContainer(configured("marketbase.tsl.url", "MARKETBASE_TSL_URL"),
					"timescale/timescaledb:2.19.3-pg17");
		};
	}

	private DataSource connectOrContainer(String url, String image) {
		if (url != null) {
			urls.put(this, url);
			String user = configured("spring.datasource.username", "SPRING_DATASOURCE_USERNAME");
			String password = configured("spring.datasource.password", "SPRING_DATASOURCE_PASSWORD");
			SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, true);
			if (this == TIMESCALEDB && user != null) {
				dataSource.setUsername(user);
				dataSource.setPassword((password != null) ? password : "");
			}
			return dataSource;
		}
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException("No database for " + this + " and no Docker engine: " + HOW_TO_START + ".");
		}
		PostgreSQLContainer container = new PostgreSQLContainer(
				DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
		container.start();
		urls.put(this,
				container.getJdbcUrl() + "&user=" + container.getUsername() + "&password=" + container.getPassword());
		return new SingleConnectionDataSource(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
				true);
	}

	private static synchronized EmbeddedPostgres embedded() {
		if (embedded == null) {
			try {
				embedded = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start the embedded PostgreSQL", ex);
			}
		}
		return embedded;
	}

	private static String configured(String property, String variable) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(variable);
		}
		return (value == null || value.isBlank()) ? null : value;
	}

}
