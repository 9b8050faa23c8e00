package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.marketbase.batch.job.JobLaunch;
import com.marketbase.batch.job.MarketReference;
import com.marketbase.batch.warehouse.AggregateWindow;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Reads a {@code minute_1m} launch: checks the parameters, the symbols against the
 * warehouse's instruments, and without a date picks the last trading day whose session
 * has closed.
 */
class Minute1mLaunch implements JobLaunch {

	private final Minute1mJobProperties properties;

	private final MarketReference reference;

	private final MinuteBarFeeds feeds;

	Minute1mLaunch(Minute1mJobProperties properties, DataSource dataSource, MinuteBarFeeds feeds) {
		this.properties = properties;
		this.reference = new MarketReference(dataSource);
		this.feeds = feeds;
	}

	@Override
	public String jobName() {
		return Minute1mParameters.JOB_NAME;
	}

	@Override
	public JobParameters parameters(Map<String, String> given) {
		Minute1mParameters parameters = Minute1mParameters.parse(given, LocalDate.MIN, this.properties.defaultSource());
		if (parameters.startDate().equals(LocalDate.MIN)) {
			LocalDate day = lastClosedSession(parameters.source());
			parameters = new Minute1mParameters(day, day, parameters.symbols(), parameters.exchange(),
					parameters.source(), parameters.mode(), parameters.forcedAt());
		}
		if (!parameters.symbols().isEmpty() && this.reference.instrumentCount() > 0) {
			Set<String> unknown = this.reference.unknown(parameters.symbols());
			if (!unknown.isEmpty()) {
				throw new IllegalArgumentException("Unknown symbols: " + String.join(", ", unknown)
						+ ". Load instruments first, or check the codes.");
			}
		}
		return parameters.toJobParameters();
	}

	// Today once Beijing's session has closed, otherwise the trading day before.
	private LocalDate lastClosedSession(String source) {
		ZonedDateTime now = ZonedDateTime.now(AggregateWindow.MARKET_ZONE);
		LocalDate latest = now.toLocalTime().isBefore(LocalTime.of(15, 30)) ? now.toLocalDate().minusDays(1)
				: now.toLocalDate();
		LocalDate from = latest.minusDays(30);
		if (!this.reference.calendarCovers(from, latest)) {
			this.reference.storeCalendar(this.feeds.feed(source).calendar(from, latest));
		}
		LocalDate day = this.reference.lastOpenDay(latest);
		if (day == null) {
			throw new IllegalArgumentException(
					"The calendar has no trading day in the 30 days up to " + latest + "; give trade_date=YYYY-MM-DD.");
		}
		return day;
	}

}
