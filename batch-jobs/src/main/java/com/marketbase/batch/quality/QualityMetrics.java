package com.marketbase.batch.quality;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stored data-quality findings of the last {@value #DAYS} days as gauges:
 * {@code marketbase.quality.findings} tagged with the rule and the severity, read from
 * the warehouse at most once a minute.
 */
public final class QualityMetrics implements MeterBinder {

	static final int DAYS = 30;

	private static final Duration CACHE = Duration.ofMinutes(1);

	private static final Logger logger = LoggerFactory.getLogger(QualityMetrics.class);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private Map<String, Long> reading = Map.of();

	private @Nullable Instant readAt;

	QualityMetrics(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String rule : QualityRules.RULES.keySet()) {
			for (String severity : new String[] { Finding.BLOCKING, "warning" }) {
				Gauge.builder("marketbase.quality.findings", this, (metrics) -> metrics.count(rule, severity))
					.tag("rule", rule)
					.tag("severity", severity)
					.description("data-quality findings of the last " + DAYS + " days, as the rules last ran")
					.register(registry);
			}
		}
	}

	private synchronized double count(String rule, String severity) {
		Instant now = this.clock.instant();
		if (this.readAt == null || !now.isBefore(this.readAt.plus(CACHE))) {
			try {
				Map<String, Long> fresh = new HashMap<>();
				this.jdbc.query("select rule, severity, count(*) from market.quality_findings "
						+ "where trade_date > current_date - " + DAYS + " group by rule, severity", (rs) -> {
							fresh.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
						});
				this.reading = fresh;
			}
			catch (RuntimeException ex) {
				// A scrape must not fail with the warehouse.
				logger.warn("Cannot read the quality findings for the metrics: {}", ex.getMessage());
				this.reading = Map.of();
			}
			this.readAt = now;
		}
		return this.reading.getOrDefault(rule + "/" + severity, 0L);
	}

}
