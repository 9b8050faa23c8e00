package com.marketbase.batch.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no {@code spring.datasource.url} configured, the warehouse
 * is a PostgreSQL 17 started from Maven Central binaries, its data kept in a directory so
 * that repeated runs accumulate. It runs in plain mode (no TimescaleDB).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedWarehouseProperties.class)
class EmbeddedWarehouseConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedWarehouseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedWarehouseProperties properties) {
		try {
			Files.createDirectories(properties.dataDirectory());
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(properties.dataDirectory())
				.setCleanDataDirectory(false)
				.start();
			logger.info("No datasource configured: embedded PostgreSQL on port {} with data in {}", postgres.getPort(),
					properties.dataDirectory());
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL with data in "
					+ properties.dataDirectory() + ": " + ex.getMessage(), ex);
		}
	}

	@Bean(destroyMethod = "close")
	DataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setPoolName("embedded-warehouse");
		// Each load partition holds a connection for its chunk while the shared quota
		// takes
		// another for every source call.
		dataSource.setMaximumPoolSize(24);
		dataSource.setConnectionTimeout(10_000);
		return dataSource;
	}

}
