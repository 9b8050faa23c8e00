package com.marketbase.batch.schedule;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
	 * @param daysBack how many days before the firing day the day passed as
	 * {@code trade_date} lies: 1 for {@code fx_daily}, whose GMT day ends the next
	 * morning in Beijing
	 */
	public record Entry(String job, String cron, @Nullable Map<String, String> parameters,
			@DefaultValue("open") String days, @DefaultValue("false") boolean skipWhileRunning,
			@DefaultValue("true") boolean catchUp, @DefaultValue("0") int daysBack) {

		/** The most days an entry may look back. */
		public static final int MAX_DAYS_BACK = 400;

		@ConstructorBinding
		public Entry {
			parameters = (parameters != null) ? Map.copyOf(parameters) : Map.of();
			// Up to a year and more: a report period is due 122 days after it ends.
			if (daysBack < 0 || daysBack > MAX_DAYS_BACK) {
				throw new IllegalArgumentException(
						"days-back of the " + job + " entry is " + daysBack + "; it is 0 to " + MAX_DAYS_BACK);
			}
		}

		public Entry(String job, String cron, @Nullable Map<String, String> parameters, String days,
				boolean skipWhileRunning, boolean catchUp) {
			this(job, cron, parameters, days, skipWhileRunning, catchUp, 0);
		}

		boolean openDaysOnly() {
			return !"all".equals(this.days);
		}

	}

}
