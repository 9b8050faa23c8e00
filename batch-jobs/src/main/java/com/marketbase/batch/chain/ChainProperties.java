package com.marketbase.batch.chain;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The modules of the nightly chain, as job names in the order they run. A name the
 * application defines no job for is reported as skipped, so the list may name datasets a
 * build does not have yet.
 *
 * @param modules the jobs, in order
 * @param prerequisites the modules every later module needs: when one of them fails, the
 * modules after it are skipped with that reason instead of running on a stale calendar or
 * instrument list
 */
@ConfigurationProperties("marketbase.chain")
public record ChainProperties(@DefaultValue( {
		"calendar", "instruments", "daily", "index_daily", "etf_daily", "fut_daily", "fut_mapping", "sge_daily",
		"fx_daily", "daily_basic", "moneyflow" }) List<String> modules,
		@DefaultValue({ "calendar", "instruments" }) List<String> prerequisites){

	public ChainProperties {
		modules = List.copyOf(modules);
		prerequisites = List.copyOf(prerequisites);
	}

}
