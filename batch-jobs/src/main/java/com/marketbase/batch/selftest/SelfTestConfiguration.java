package com.marketbase.batch.selftest;

import java.time.Duration;

import javax.sql.DataSource;

import com.marketbase.batch.probe.PermissionProbe;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The self-test; {@code marketbase.selftest.slow-after} (2 s) is the latency above which
 * an answer counts as slow, {@code marketbase.selftest.webhook-url} (none) the http or
 * https address told of a run with failed checks, within
 * {@code marketbase.selftest.webhook-timeout} (5 s) per attempt. The schedule runs in
 * {@code batch.jar serve} only: a command-line run never starts one on its own.
 */
@Configuration(proxyBeanMethods = false)
class SelfTestConfiguration {

	@Bean
	SelfTest selfTest(PermissionProbe probe, DataSource dataSource,
			@Value("${marketbase.selftest.slow-after:2s}") Duration slowAfter,
			@Value("${marketbase.selftest.webhook-url:}") @Nullable String webhookUrl,
			@Value("${marketbase.selftest.webhook-timeout:5s}") Duration webhookTimeout) {
		return new SelfTest(probe, dataSource, slowAfter, SelfTestWebhook.of(webhookUrl, webhookTimeout));
	}

	/**
	 * The schedule of the server; {@code marketbase.selftest.schedule-minute} is for
	 * tests, which run a "5m" schedule in a fraction of a second.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	static class Serving {

		@Bean
		SelfTestSchedule selfTestSchedule(SelfTest selfTest, DataSource dataSource,
				@Value("${marketbase.selftest.schedule-minute:1m}") Duration minute) {
			if (minute.toMillis() < 10 || minute.compareTo(Duration.ofMinutes(1)) > 0) {
				throw new IllegalArgumentException(
						"marketbase.selftest.schedule-minute is between 10ms and 1m (1m outside tests), not " + minute
								+ ".");
			}
			return new SelfTestSchedule(selfTest, dataSource, minute);
		}

	}

}
