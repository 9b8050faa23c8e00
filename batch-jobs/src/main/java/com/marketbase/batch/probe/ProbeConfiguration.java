package com.marketbase.batch.probe;

import java.time.Clock;

import javax.sql.DataSource;

import com.marketbase.batch.source.SourceResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The probe and its record, for the command line's {@code probe}, the switches and the
 * console.
 */
@Configuration(proxyBeanMethods = false)
class ProbeConfiguration {

	@Bean
	Probes probes(DataSource dataSource) {
		return new Probes(dataSource);
	}

	@Bean
	PermissionProbe permissionProbe(SourceResolver sources, Probes probes, Clock clock) {
		return new PermissionProbe(sources, probes, clock);
	}

}
