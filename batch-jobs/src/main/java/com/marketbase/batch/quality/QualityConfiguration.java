package com.marketbase.batch.quality;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The data-quality rules, and in serve mode their findings as metrics.
 */
@Configuration(proxyBeanMethods = false)
class QualityConfiguration {

	@Bean
	@ConditionalOnWebApplication
	QualityMetrics qualityMetrics(DataSource dataSource, Clock clock) {
		return new QualityMetrics(new JdbcTemplate(dataSource), clock);
	}

}
