package com.marketbase.batch.coverage;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Coverage for the command line and, in serve mode, as metrics. The clock is a bean so
 * that what "now" means can be replaced.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CoverageProperties.class)
public class CoverageConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock marketbaseClock(CoverageProperties properties) {
		return Clock.system(properties.zone());
	}

	@Bean
	CoverageQueries coverageQueries(DataSource dataSource) {
		return new CoverageQueries(dataSource);
	}

	@Bean
	Freshness coverageFreshness(CoverageQueries coverageQueries, CoverageProperties properties, Clock clock) {
		return new Freshness(coverageQueries, properties, clock);
	}

	@Bean
	@ConditionalOnWebApplication
	CoverageMetrics coverageMetrics(CoverageQueries coverageQueries, Freshness coverageFreshness,
			CoverageProperties properties, Clock clock) {
		return new CoverageMetrics(coverageQueries, coverageFreshness, properties, clock);
	}

}
