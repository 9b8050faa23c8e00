package com.marketbase.batch.job.minute1m;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the {@code minute_1m} job ({@code marketbase.jobs.minute-1m.*}).
 *
 * @param partitions how many partitions load in parallel; the source's shared quota
 * bounds them
 * @param chunkUnits work units per chunk (one transaction and checkpoint)
 * @param defaultSource the source when a launch names none
 */
@ConfigurationProperties("marketbase.jobs.minute-1m")
public record Minute1mJobProperties(@DefaultValue("8") int partitions, @DefaultValue("10") int chunkUnits,
		@DefaultValue("sandbox") String defaultSource) {
}
