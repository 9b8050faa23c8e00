package com.marketbase.batch.source;

import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import com.marketbase.batch.source.eastmoney.EastmoneyClient;
import com.marketbase.batch.source.quota.CallQuota;
import com.marketbase.batch.source.quota.DatabaseCallQuota;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tushare.TushareClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The source connectors as beans, created when a job first asks for them. A source
 * without a configured base URL is served by the embedded sandbox, which starts then.
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
	CallQuota callQuota(DataSource dataSource, SourcesProperties properties) {
		return new DatabaseCallQuota(dataSource, (source, endpoint) -> properties.of(source).callsPerMinute(endpoint));
	}

	@Bean(destroyMethod = "close")
	@Lazy
	Sandbox embeddedSandbox(SourcesProperties properties) {
		logger.info("No base URL configured for some sources: they are served by the embedded sandbox");
		return Sandbox.start(SandboxSettings.defaults()
			.withTodayFromClock()
			.withSeed(properties.sandboxSeed())
			.withTokens(Map.of(SandboxSettings.TOKEN,
					SandboxSettings.Grant.everything(properties.sandboxCallsPerMinute()))));
	}

	@Bean
	@Lazy
	TushareClient tushareClient(SourcesProperties properties, ObjectProvider<Sandbox> sandbox, CallQuota quota,
			SourceStates states, Environment environment) {
		SourceSettings settings = located(properties.tushare(), sandbox);
		Secret token = (properties.tushare().baseUrl() == null) ? Secret.of(SandboxSettings.TOKEN)
				: Secret.of(environment.getProperty("marketbase.sources.tushare.token",
						environment.getProperty("TUSHARE_TOKEN", "")));
		return new TushareClient(new SourceHttp(SourceName.TUSHARE, settings),
				new SourceGate(SourceName.TUSHARE, settings, quota, states), token);
	}

	@Bean
	@Lazy
	TdxClient tdxClient(SourcesProperties properties, ObjectProvider<Sandbox> sandbox, CallQuota quota,
			SourceStates states) {
		SourceSettings settings = located(properties.tdx(), sandbox);
		return new TdxClient(new SourceHttp(SourceName.TDX, settings),
				new SourceGate(SourceName.TDX, settings, quota, states));
	}

	@Bean
	@Lazy
	EastmoneyClient eastmoneyClient(SourcesProperties properties, ObjectProvider<Sandbox> sandbox, CallQuota quota,
			SourceStates states) {
		SourceSettings settings = located(properties.eastmoney(), sandbox);
		SourceSettings estimates = (properties.eastmoneyEstimateUrl() != null)
				? settings.at(properties.eastmoneyEstimateUrl()) : settings;
		return new EastmoneyClient(new SourceHttp(SourceName.EASTMONEY, settings),
				new SourceHttp(SourceName.EASTMONEY, estimates),
				new SourceGate(SourceName.EASTMONEY, settings, quota, states));
	}

	private static SourceSettings located(SourceSettings settings, ObjectProvider<Sandbox> sandbox) {
		return (settings.baseUrl() != null) ? settings : settings.at(sandbox.getObject().baseUrl());
	}

}
