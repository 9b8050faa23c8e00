package com.marketbase.batch.rollout;

import java.time.Clock;

import javax.sql.DataSource;

import com.marketbase.batch.probe.Probes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The switches and their check on every job launch.
 */
@Configuration(proxyBeanMethods = false)
class RolloutConfiguration {

	@Bean
	RolloutSwitches rolloutSwitches(DataSource dataSource, Probes probes, Clock clock) {
		return new RolloutSwitches(dataSource, probes, clock);
	}

	// Static, as every post-processor: the switches are looked up at the first launch,
	// not while the launch beans are being made.
	@Bean
	static SwitchedLaunches switchedLaunches(ObjectProvider<RolloutSwitches> switches) {
		return new SwitchedLaunches(switches);
	}

}
