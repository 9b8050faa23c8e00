package com.marketbase.batch.support.execution;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What all jobs of this process share.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

	@Bean
	LoadProgress loadProgress() {
		return new LoadProgress();
	}

}
