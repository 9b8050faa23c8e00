package com.marketbase.batch.warehouse.storage;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The storage policies, checked at start-up: a wrong table name or duration stops the
 * application with one line naming the property.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

	@Bean
	StoragePolicies storagePolicies(StorageProperties properties, Environment environment) {
		StoragePolicies policies = StoragePolicies.of(properties);
		// The loads' own settings, read by name: how far back each heals the tables.
		Binder binder = Binder.get(environment);
		policies.requireRetentionPast(StorageTable.BARS_1M,
				longest(binder, Map.of("marketbase.jobs.minute-1m", 30, "marketbase.jobs.index-minute", 366)));
		policies.requireRetentionPast(StorageTable.TICK_TRADES,
				longest(binder, Map.of("marketbase.jobs.tick-trade", 366)));
		policies.requireRetentionPast(StorageTable.BARS_DAILY, longest(binder, Map.of("marketbase.jobs.daily", 366,
				"marketbase.jobs.index-daily", 366, "marketbase.jobs.etf-daily", 366)));
		return policies;
	}

	private static StoragePolicies.Healing longest(Binder binder, Map<String, Integer> defaults) {
		StoragePolicies.Healing longest = null;
		for (Map.Entry<String, Integer> job : new TreeMap<>(defaults).entrySet()) {
			String property = job.getKey() + ".backfill-days";
			int days = binder.bind(property, Integer.class).orElse(job.getValue());
			if (longest == null || days > longest.days()) {
				longest = new StoragePolicies.Healing(days, property);
			}
		}
		return longest;
	}

}
