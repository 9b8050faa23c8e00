package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.marketbase.batch.job.JobLaunch;
import com.marketbase.batch.job.MarketReference;
import com.marketbase.batch.warehouse.AggregateWindow;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads a launch of a daily-bar job: checks the parameters, the symbols against the
 * warehouse's instruments, and without a date picks the last trading day whose daily bars
 * are out (Tushare publishes them between 15:00 and 16:00 Beijing time).
 */
public class DailyLaunch implements JobLaunch {

	private static final LocalTime PUBLISHED = LocalTime.of(16, 0);

	private final DailyDataset dataset;

	private final DailyLoadSettings settings;

	private final MarketReference reference;

	private final JdbcTemplate jdbc;

	private final DailyFeeds feeds;

	public DailyLaunch(DailyDataset dataset, DailyLoadSettings settings, DataSource dataSource, DailyFeeds feeds) {
		this.dataset = dataset;
		this.settings = settings;
		this.reference = new MarketReference(dataSource);
		this.jdbc = new JdbcTemplate(dataSource);
		this.feeds = feeds;
	}

	@Override
	public String jobName() {
		return this.dataset.dataset();
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		DailyParameters parameters = DailyParameters.parse(this.dataset, given, LocalDate.MIN,
				this.settings.defaultSource());
		if (parameters.startDate().equals(LocalDate.MIN)) {
			LocalDate day = lastPublishedDay(parameters.source());
			parameters = new DailyParameters(this.dataset, day, day, parameters.symbols(), parameters.source(),
					parameters.mode(), parameters.forcedAt());
		}
		if (!parameters.symbols().isEmpty() && this.reference.instrumentCount() > 0) {
			Set<String> unknown = this.reference.unknown(parameters.symbols());
			if (!unknown.isEmpty()) {
				throw new IllegalArgumentException("Unknown symbols: " + String.join(", ", unknown)
						+ ". Load instruments first, or check the codes.");
			}
			// An ETF code given to daily would be owed nothing and end "nothing was
			// missing"; say which job loads it instead.
			List<String> other = this.jdbc.queryForList("""
					select i.symbol || ' (' || i.asset_class || ')' from market.instruments i
					join market.datasets d on d.dataset = ?
					where i.symbol = any (string_to_array(?, ',')) and not i.asset_class = any (d.asset_classes)
					order by i.symbol""", String.class, this.dataset.dataset(), String.join(",", parameters.symbols()));
			if (!other.isEmpty()) {
				throw new IllegalArgumentException("Not instruments " + this.dataset.dataset() + " loads: "
						+ String.join(", ", other) + "; daily loads stocks, index_daily indexes and etf_daily ETFs.");
			}
		}
		return parameters.toJobParameters();
	}

	private LocalDate lastPublishedDay(String source) {
		ZonedDateTime now = ZonedDateTime.now(AggregateWindow.MARKET_ZONE);
		LocalDate latest = now.toLocalTime().isBefore(PUBLISHED) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
		LocalDate from = latest.minusDays(30);
		if (!this.reference.calendarCovers(from, latest)) {
			this.reference.storeCalendar(this.feeds.feed(source, this.dataset).calendar(from, latest));
		}
		LocalDate day = this.reference.lastOpenDay(latest);
		if (day == null) {
			throw new IllegalArgumentException(
					"The calendar has no trading day in the 30 days up to " + latest + "; give trade_date=YYYY-MM-DD.");
		}
		return day;
	}

}
