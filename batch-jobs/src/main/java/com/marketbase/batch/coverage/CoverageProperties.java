package com.marketbase.batch.coverage;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a dataset's day is due, and how the freshness figures are kept.
 *
 * @param zone the market's time zone, in which the cut-off times are read
 * @param dueAt per dataset, the local time after which a trading day's data is expected
 * to be complete; datasets not named use {@code defaultDueAt}
 * @param defaultDueAt the cut-off of the datasets not named in {@code dueAt}: 17:00, an
 * hour and a half after the last data providers publish the day's bars
 * @param lookbackDays how far back the last complete day is looked for
 * @param metricsCache how long the metrics reuse one reading of the warehouse
 */
@ConfigurationProperties("marketbase.coverage")
public record CoverageProperties(@DefaultValue("Asia/Shanghai") ZoneId zone, Map<String, LocalTime> dueAt,
		@DefaultValue("17:00") LocalTime defaultDueAt, @DefaultValue("400") int lookbackDays,
		@DefaultValue("30s") Duration metricsCache) {

	public CoverageProperties {
		dueAt = (dueAt != null) ? Map.copyOf(dueAt) : Map.of();
	}

	/**
	 * The cut-off of a dataset.
	 * @param dataset the dataset
	 * @return the local time after which its day is due
	 */
	public LocalTime dueAt(String dataset) {
		return this.dueAt.getOrDefault(dataset, this.defaultDueAt);
	}

}
