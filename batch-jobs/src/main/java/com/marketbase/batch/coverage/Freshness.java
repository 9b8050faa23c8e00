package com.marketbase.batch.coverage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Decides per dataset which trading day must be complete by now, and whether it is. A
 * dataset's day is due after its cut-off time ({@link CoverageProperties#dueAt}) in the
 * market's zone: before the cut-off the previous open day is the one expected.
 */
public class Freshness {

	private final CoverageQueries queries;

	private final CoverageProperties properties;

	private final Clock clock;

	public Freshness(CoverageQueries queries, CoverageProperties properties, Clock clock) {
		this.queries = queries;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The freshness of every dataset now.
	 * @return per dataset, by name
	 */
	public List<DatasetFreshness> all() {
		return of(this.queries.datasets(), ZonedDateTime.now(this.clock));
	}

	/**
	 * The freshness of some datasets at a moment.
	 * @param datasets the datasets
	 * @param at the moment
	 * @return per dataset, in the order given
	 */
	public List<DatasetFreshness> of(List<Dataset> datasets, ZonedDateTime at) {
		List<DatasetFreshness> result = new ArrayList<>();
		for (Dataset dataset : datasets) {
			result.add(of(dataset, at));
		}
		return result;
	}

	private DatasetFreshness of(Dataset dataset, ZonedDateTime at) {
		ZonedDateTime local = at.withZoneSameInstant(this.properties.zone());
		LocalDate dueDay = local.toLocalTime().isBefore(this.properties.dueAt(dataset.name()))
				? local.toLocalDate().minusDays(1) : local.toLocalDate();
		dueDay = dueDay.minusDays(this.properties.dueDaysLater(dataset.name()));
		String off = this.queries.switchedOff(dataset.name());
		if (off != null) {
			// A module nobody has switched on yet is not late.
			return new DatasetFreshness(dataset.name(), null, null, null, null, off);
		}
		String exchange = dataset.calendarExchange();
		if (this.queries.isOpen(exchange, dueDay) == null) {
			return new DatasetFreshness(dataset.name(), null, null, null,
					"the " + exchange + " calendar does not reach " + dueDay + "; load the calendar", null);
		}
		LocalDate expected = this.queries.lastOpenDay(exchange, dueDay);
		if (expected == null) {
			return new DatasetFreshness(dataset.name(), null, null, null,
					"the " + exchange + " calendar has no open day on or before " + dueDay, null);
		}
		List<CoverageDay> days = this.queries.days(dataset.name(), expected.minusDays(this.properties.lookbackDays()),
				expected);
		CoverageDay last = days.get(days.size() - 1);
		LocalDate lastComplete = null;
		for (CoverageDay day : days) {
			if (day.isComplete()) {
				lastComplete = day.day();
			}
		}
		return new DatasetFreshness(dataset.name(), expected, last, lastComplete, problem(dataset, last, lastComplete),
				null);
	}

	private static @Nullable String problem(Dataset dataset, CoverageDay day, @Nullable LocalDate lastComplete) {
		if (day.isComplete()) {
			return null;
		}
		String since = (lastComplete != null) ? "; last complete day " + lastComplete : "; no complete day yet";
		if (day.owed() == 0) {
			return day.day() + " owes nothing: no " + String.join(" or ", dataset.assetClasses())
					+ " instruments were listed; load the instruments" + since;
		}
		return day.day() + " is not complete: " + day.missing() + " missing, " + day.partial() + " partial"
				+ ((day.inProgress() > 0) ? ", " + day.inProgress() + " in progress" : "") + " of " + day.owed()
				+ " owed" + since;
	}

}
