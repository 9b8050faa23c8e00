package com.marketbase.batch.source;

import java.util.function.Function;
import java.util.function.ToIntBiFunction;

import javax.sql.DataSource;

import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.quota.DatabaseCallQuota;
import com.marketbase.batch.warehouse.SingleSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The sources as the application reads them: the shared quota, their live state, and the
 * resolver that turns a launch's source into its connector.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SourcesProperties.class)
class SourcesConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SourcesConfiguration.class);

	@Bean
	SourceStates sourceStates() {
		return new SourceStates();
	}

	@Bean
	@DependsOnDatabaseInitialization
	CallQuota callQuota(DataSource dataSource, SourcesProperties properties, Environment environment) {
		// A bucket per credential: Tushare's per token, a gateway's or a site's per
		// address.
		String tushare = tushareToken(environment).fingerprint();
		ToIntBiFunction<SourceName, String> callsPerMinute = (source, endpoint) -> properties.of(source)
			.callsPerMinute(endpoint);
		Function<SourceName, String> credentials = (source) -> switch (source) {
			case TUSHARE -> tushare;
			case SANDBOX -> "";
			default -> address(properties.of(source).baseUrl());
		};
		if (environment.getProperty(SingleSession.PROPERTY, Boolean.class, false)) {
			logger.info("Source quotas are kept in this process: the warehouse serves one session at a time");
			return DatabaseCallQuota.inThisProcess(callsPerMinute, credentials);
		}
		return new DatabaseCallQuota(dataSource, callsPerMinute, credentials);
	}

	// A gateway's or a site's quota is its address's (never the user and password a URL
	// may carry); a gateway on loopback is this machine's own.
	private static String address(java.net.URI url) {
		if (url == null || url.getHost() == null) {
			return "";
		}
		String address = url.getHost() + ":" + url.getPort();
		if (url.getHost().equals("localhost") || url.getHost().startsWith("127.") || url.getHost().equals("[::1]")) {
			try {
				address = java.net.InetAddress.getLocalHost().getHostName() + "/" + address;
			}
			catch (java.net.UnknownHostException ex) {
				// One machine's loopback gateway is as good a key as any without a name.
			}
		}
		return Secret.of(address).fingerprint();
	}

	private static Secret tushareToken(Environment environment) {
		return Secret.of(environment.getProperty("marketbase.sources.tushare.token",
				environment.getProperty("TUSHARE_TOKEN", "")));
	}

	@Bean(destroyMethod = "close")
	SourceResolver sourceResolver(SourcesProperties properties, Environment environment, CallQuota quota,
			SourceStates states) {
		Secret token = tushareToken(environment);
		// Demo mode: nothing set up at all, neither a database nor a source.
		boolean demo = environment.getProperty("spring.datasource.url", "").isBlank() && !properties.anyConfigured()
				&& !token.isPresent();
		SourceResolver resolver = new SourceResolver(properties, token, demo, quota, states);
		if (demo) {
			logger.info("Demo mode: no datasource and no source configured, so launches read the sandbox "
					+ "(source: sandbox, synthetic data)");
		}
		return resolver;
	}

}
