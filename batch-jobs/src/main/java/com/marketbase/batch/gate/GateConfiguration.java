package com.marketbase.batch.gate;

import java.time.Clock;

import javax.sql.DataSource;

import com.marketbase.batch.coverage.CoverageProperties;
import com.marketbase.batch.coverage.CoverageQueries;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gate, for the command line's {@code gate} and the console.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GateProperties.class)
class GateConfiguration {

	@Bean
	Gate gate(GateProperties properties, CoverageQueries coverageQueries, CoverageProperties coverageProperties,
			JobRepository repository, DataSource dataSource, Clock clock) {
		return new Gate(properties, coverageQueries, coverageProperties, repository, dataSource, clock);
	}

}
