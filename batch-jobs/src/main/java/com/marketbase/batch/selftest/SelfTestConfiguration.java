package com.marketbase.batch.selftest;

import java.time.Duration;

import javax.sql.DataSource;

import com.marketbase.batch.probe.PermissionProbe;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The self-test; {@code marketbase.selftest.slow-after} (2 s) is the latency above which
 * an answer counts as slow.
 */
@Configuration(proxyBeanMethods = false)
class SelfTestConfiguration {

	@Bean
	SelfTest selfTest(PermissionProbe probe, DataSource dataSource,
			@Value("${marketbase.selftest.slow-after:2s}") Duration slowAfter) {
		return new SelfTest(probe, dataSource, slowAfter);
	}

}
