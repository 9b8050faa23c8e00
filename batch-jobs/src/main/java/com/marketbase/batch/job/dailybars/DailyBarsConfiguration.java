package com.marketbase.batch.job.dailybars;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.source.SourceStates;
import com.marketbase.batch.source.tdx.TdxClient;
import com.marketbase.batch.source.tushare.TushareClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the daily-bar jobs share in the application: the feeds.
 */
@Configuration(proxyBeanMethods = false)
class DailyBarsConfiguration {

	@Bean
	DailyFeeds dailyFeeds(ObjectProvider<TushareClient> tushare, ObjectProvider<TdxClient> tdx,
			ObjectProvider<Sandbox> sandbox, SourceStates states) {
		return new DailyFeeds(tushare, tdx, sandbox, states);
	}

}
