package com.marketbase.batch.warehouse;

import java.sql.Connection;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A warehouse that serves one session at a time
 * ({@code marketbase.warehouse.single-session=true}): the TSL conformance target, PGlite
 * behind {@code ops/tsl-db.sh}, queues every further connection until the first is
 * closed, so whatever waits for a second connection while one is held waits for ever
 * (then times out). With the property the application holds one: a pool of one,
 * migrations over that connection (Flyway would open a second for the history table's
 * lock), the source quotas in this process instead of the table (each acquisition took a
 * connection of its own while the chunk held the other), and minute_1m in one partition.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(SingleSession.PROPERTY)
public class SingleSession {

	/** The property that turns it on. */
	public static final String PROPERTY = "marketbase.warehouse.single-session";

	private static final Logger logger = LoggerFactory.getLogger(SingleSession.class);

	// Static: post-processors are created before the configuration's other beans.
	@Bean
	static BeanPostProcessor singleConnectionPool() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				// After the binding of spring.datasource.hikari.*, before the pool starts
				// (at its first connection).
				if (bean instanceof HikariDataSource pool) {
					pool.setMaximumPoolSize(1);
					pool.setMinimumIdle(1);
					logger.info("Warehouse pool of one connection ({}=true)", PROPERTY);
				}
				return bean;
			}

		};
	}

	@Bean
	FlywayMigrationStrategy singleConnectionMigration(DataSource dataSource) {
		return (flyway) -> {
			try (Connection connection = dataSource.getConnection()) {
				Flyway.configure()
					.configuration(flyway.getConfiguration())
					.dataSource(new SingleConnectionDataSource(connection, true))
					.load()
					.migrate();
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException("Cannot connect to migrate the warehouse", ex);
			}
		};
	}

}
