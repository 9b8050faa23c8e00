package com.marketbase.batch.schedule;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The schedule of {@code batch.jar serve}.
 *
 * @param enabled whether the server launches anything on its own
 * @param zone the zone the cron expressions are read in
 * @param calendarExchange the exchange whose calendar says which days are open
 * @param catchUpDays how many past open days are looked at on start for runs missed while
 * the server was down
 * @param entries what to launch when
 */
@ConfigurationProperties("marketbase.schedule")
public record ScheduleProperties(@DefaultValue("true") boolean enabled, @DefaultValue("Asia/Shanghai") ZoneId zone,
		@DefaultValue("SSE") String calendarExchange, @DefaultValue("5") int catchUpDays,
		@Nullable List<Entry> entries) {

	public ScheduleProperties {
		entries = (entries != null) ? List.copyOf(entries) : List.of();
	}

	/**
	 * One scheduled launch.
	 *
	 * @param job the job's name
	 * @param cron a Spring cron expression (second minute hour day month weekday) in the
	 * schedule's zone
	 * @param parameters the job's parameters besides {@code trade_date}
	 * @param days {@code open}: only on open days of the calendar; {@code all}: every day
	 * (for jobs that keep the calendar itself up to date)
	 * @param skipWhileRunning skip a run while an execution of the same job is still
	 * running (for intraday catch-up entries)
	 * @param catchUp whether runs missed while the server was down are made up on start
	 */
	public record Entry(String job, String cron, @Nullable Map<String, String> parameters,
			@DefaultValue("open") String days, @DefaultValue("false") boolean skipWhileRunning,
			@DefaultValue("true") boolean catchUp) {

		public Entry {
			parameters = (parameters != null) ? Map.copyOf(parameters) : Map.of();
		}

		boolean openDaysOnly() {
			return !"all".equals(this.days);
		}

	}

}
