package com.marketbase.batch.coverage;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
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
 * @param dueDaysLater per dataset, how many days after its day the data is due at its
 * cut-off: FX days are GMT dates, which end at 08:00 Beijing time the next day, so
 * {@code fx_daily} is 1 (due at 09:00 the next day) unless set
 * @param lookbackDays how far back the last complete day is looked for
 * @param metricsCache how long the metrics reuse one reading of the warehouse
 */
@ConfigurationProperties("marketbase.coverage")
public record CoverageProperties(@DefaultValue("Asia/Shanghai") ZoneId zone, Map<String, LocalTime> dueAt,
		@DefaultValue("17:00") LocalTime defaultDueAt, Map<String, Integer> dueDaysLater,
		@DefaultValue("400") int lookbackDays, @DefaultValue("30s") Duration metricsCache) {

	public CoverageProperties {
		// Money flows are out from 19:00, financial indicators from 20:00, fund NAVs once
		// the evening's 22:30 load had time to run.
		Map<String, LocalTime> due = new HashMap<>(Map.of(FX, LocalTime.of(9, 0), "moneyflow", LocalTime.of(19, 0),
				"fina_indicator", LocalTime.of(20, 0), "fund_nav", LocalTime.of(23, 30)));
		if (dueAt != null) {
			due.putAll(dueAt);
		}
		dueAt = Map.copyOf(due);
		// A report period is due when even an annual report must be out: four months
		// after the year, a leap year's too.
		// A month's macro figures are all out 25 days after it.
		Map<String, Integer> later = new HashMap<>(Map.of(FX, 1, "fina_indicator", 122, "macro", 25));
		if (dueDaysLater != null) {
			later.putAll(dueDaysLater);
		}
		dueDaysLater = Map.copyOf(later);
	}

	private static final String FX = "fx_daily";

	/**
	 * How many days after its day a dataset's data is due.
	 * @param dataset the dataset
	 * @return 0 for the Chinese markets, 1 for GMT-dated FX
	 */
	public int dueDaysLater(String dataset) {
		return this.dueDaysLater.getOrDefault(dataset, 0);
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
