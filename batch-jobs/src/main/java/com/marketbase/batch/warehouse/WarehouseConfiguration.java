package com.marketbase.batch.warehouse;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Detects the warehouse mode once the migrations have run, reports it, and offers the
 * aggregate refresh that matches it.
 */
@Configuration(proxyBeanMethods = false)
class WarehouseConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WarehouseConfiguration.class);

	@Bean
	@DependsOnDatabaseInitialization
	WarehouseInfo warehouseInfo(DataSource dataSource) {
		WarehouseInfo info = new WarehouseModeDetector(dataSource).detect();
		logger.info("Warehouse mode: {}", info.describe());
		if (info.mode() == WarehouseMode.TIMESCALEDB_APACHE && "timescale".equals(info.timescaledbLicense())) {
			logger.warn("TimescaleDB runs under the timescale license, but the warehouse was migrated without "
					+ "continuous aggregates; aggregates stay rollup tables");
		}
		return info;
	}

	@Bean
	BarAggregateRefresher barAggregateRefresher(DataSource dataSource, WarehouseInfo warehouseInfo,
			@Value("${" + SingleSession.PROPERTY + ":false}") boolean singleSession) {
		// Two slices let the database rebuild rollups on two cores, each on a connection
		// of its own.
		return new BarAggregateRefresher(dataSource, warehouseInfo.mode(), singleSession ? 1 : 2);
	}

}
