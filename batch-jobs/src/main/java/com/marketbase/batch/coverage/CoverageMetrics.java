package com.marketbase.batch.coverage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The freshness of every dataset as gauges tagged with the dataset:
 * <ul>
 * <li>{@code marketbase.coverage.missing}: units missing on the last expected day</li>
 * <li>{@code marketbase.coverage.partial}: units partial on that day</li>
 * <li>{@code marketbase.coverage.fresh}: 1 when that day is complete, else 0</li>
 * <li>{@code marketbase.coverage.last_complete_day_age}: days from the last complete open
 * day to today in the market's zone (NaN when there is none)</li>
 * </ul>
 * One reading of the warehouse serves every gauge for {@code metrics-cache}, so a scrape
 * costs one query per dataset at most that often.
 */
public class CoverageMetrics implements MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(CoverageMetrics.class);

	private final CoverageQueries queries;

	private final Freshness freshness;

	private final CoverageProperties properties;

	private final Clock clock;

	private Map<String, DatasetFreshness> reading = Map.of();

	private @Nullable Instant readAt;

	CoverageMetrics(CoverageQueries queries, Freshness freshness, CoverageProperties properties, Clock clock) {
		this.queries = queries;
		this.freshness = freshness;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		List<Dataset> datasets;
		try {
			datasets = this.queries.datasets();
		}
		catch (RuntimeException ex) {
			// Metrics are no reason to keep the server down.
			logger.warn("No coverage metrics: cannot read the datasets: {}", ex.getMessage());
			return;
		}
		for (Dataset dataset : datasets) {
			String name = dataset.name();
			gauge(registry, "marketbase.coverage.missing", name, "units missing on the last expected trading day",
					(day) -> (day.coverage() != null) ? day.coverage().missing() : Double.NaN);
			gauge(registry, "marketbase.coverage.partial", name, "units partial on the last expected trading day",
					(day) -> (day.coverage() != null) ? day.coverage().partial() : Double.NaN);
			gauge(registry, "marketbase.coverage.fresh", name, "1 when the last expected trading day is complete",
					(day) -> day.isFresh() ? 1 : 0);
			Gauge.builder("marketbase.coverage.last_complete_day_age", this, (metrics) -> metrics.age(name))
				.tag("dataset", name)
				.baseUnit("days")
				.description("days since the last complete trading day")
				.register(registry);
		}
	}

	private void gauge(MeterRegistry registry, String metric, String dataset, String description,
			ToDoubleFunction<DatasetFreshness> value) {
		Gauge.builder(metric, this, (metrics) -> {
			DatasetFreshness day = metrics.read().get(dataset);
			return (day != null) ? value.applyAsDouble(day) : Double.NaN;
		}).tag("dataset", dataset).description(description).register(registry);
	}

	private double age(String dataset) {
		DatasetFreshness day = read().get(dataset);
		if (day == null || day.lastCompleteDay() == null) {
			return Double.NaN;
		}
		return ChronoUnit.DAYS.between(day.lastCompleteDay(),
				LocalDate.now(this.clock.withZone(this.properties.zone())));
	}

	private synchronized Map<String, DatasetFreshness> read() {
		Instant now = this.clock.instant();
		if (this.readAt == null || !now.isBefore(this.readAt.plus(this.properties.metricsCache()))) {
			try {
				Map<String, DatasetFreshness> fresh = new HashMap<>();
				this.freshness.all().forEach((day) -> fresh.put(day.dataset(), day));
				this.reading = fresh;
			}
			catch (RuntimeException ex) {
				// A scrape must not fail with the warehouse; the gauges read NaN until it
				// answers.
				logger.warn("Cannot read coverage for the metrics: {}", ex.getMessage());
				this.reading = Map.of();
			}
			this.readAt = now;
		}
		return this.reading;
	}

}
