package com.marketbase.batch.warehouse.storage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The storage policies, checked at start-up: a wrong table name or duration stops the
 * application with one line naming the property.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

	@Bean
	StoragePolicies storagePolicies(StorageProperties properties) {
		return StoragePolicies.of(properties);
	}

}
