package com.marketbase.batch.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.marketbase.batch.coverage.CoverageDay;
import com.marketbase.batch.coverage.CoverageGap;
import com.marketbase.batch.coverage.CoverageProperties;
import com.marketbase.batch.coverage.CoverageQueries;
import com.marketbase.batch.coverage.Dataset;
import com.marketbase.batch.coverage.DatasetFreshness;
import com.marketbase.batch.coverage.Freshness;
import com.marketbase.batch.quality.Finding;
import com.marketbase.batch.quality.QualityRules;
import com.marketbase.batch.support.launch.DateWindow;
import com.marketbase.batch.support.launch.LaunchInput;
import org.jspecify.annotations.Nullable;

/**
 * {@code coverage [dataset] [from [to]]} and {@code check [dataset ...] [at=...]}: what
 * each dataset holds per day, and whether its last expected trading day is complete.
 */
class CoverageCommands {

	// Ten years of days per dataset print in well under a second; more is a typing
	// mistake.
	private static final int MAX_DAYS = 366 * 20;

	private static final int GAPS_SHOWN = 20;

	// The A-share trading days, which every dataset's load follows.
	private static final String TODAY_CALENDAR = "SSE";

	private final CoverageQueries queries;

	private final Freshness freshness;

	private final CoverageProperties properties;

	private final Clock clock;

	private final Console console;

	private final QualityRules quality;

	CoverageCommands(CoverageQueries queries, Freshness freshness, CoverageProperties properties, Clock clock,
			Console console, QualityRules quality) {
		this.quality = quality;
		this.queries = queries;
		this.freshness = freshness;
		this.properties = properties;
		this.clock = clock;
		this.console = console;
	}

	int coverage(List<String> args) {
		List<Dataset> datasets = this.queries.datasets();
		List<String> rest = new ArrayList<>(args);
		List<Dataset> chosen = datasets;
		if (!rest.isEmpty() && !looksLikeDate(rest.get(0))) {
			String name = rest.remove(0);
			chosen = datasets.stream().filter((dataset) -> dataset.name().equals(name)).toList();
			if (chosen.isEmpty()) {
				return refuse("Unknown dataset '" + LaunchInput.shown(name) + "'; datasets: " + names(datasets) + ".");
			}
		}
		if (rest.size() > 2) {
			return refuse("coverage takes a dataset and up to two dates, not '"
					+ LaunchInput.shown(String.join(" ", args)) + "'.");
		}
		LocalDate today = LocalDate.now(this.clock.withZone(this.properties.zone()));
		LocalDate from;
		LocalDate to;
		try {
			to = (rest.size() == 2) ? date("to", rest.get(1)) : (rest.size() == 1) ? date("from", rest.get(0)) : today;
			from = rest.isEmpty() ? to.minusDays(29) : date("from", rest.get(0));
		}
		catch (IllegalArgumentException ex) {
			return refuse(ex.getMessage());
		}
		if (from.isAfter(to)) {
			return refuse("from " + from + " is after to " + to + ".");
		}
		if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
			return refuse("Ask for at most 20 years at once, not " + from + " to " + to + ".");
		}
		Map<String, List<CoverageDay>> byDataset = new TreeMap<>();
		for (CoverageDay day : this.queries.days((chosen.size() == 1) ? chosen.get(0).name() : null, from, to)) {
			byDataset.computeIfAbsent(day.dataset(), (name) -> new ArrayList<>()).add(day);
		}
		for (Dataset dataset : chosen) {
			print(dataset, from, to, byDataset.getOrDefault(dataset.name(), List.of()));
		}
		return JobCommands.EXIT_COMPLETED;
	}

	private void print(Dataset dataset, LocalDate from, LocalDate to, List<CoverageDay> days) {
		this.console.say(dataset.name() + " (" + String.join(", ", dataset.assetClasses()) + " on the "
				+ dataset.calendarExchange() + " calendar) " + from + " to " + to);
		this.console.say(String.format("  %-10s  %-12s %8s %9s %8s %8s   %9s %10s %9s", "day", "state", "owed",
				"complete", "partial", "missing", "suspended", "not listed", "delisted"));
		Map<String, Integer> verdicts = new TreeMap<>();
		for (CoverageDay day : days) {
			verdicts.merge(day.verdict(), 1, Integer::sum);
			if (!day.dayState().equals("open")) {
				this.console.say(String.format("  %-10s  %-12s %8s", day.day(), day.verdict(), "-"));
				continue;
			}
			this.console.say(String.format("  %-10s  %-12s %8d %9d %8d %8d   %9d %10d %9d", day.day(), day.verdict(),
					day.owed(), day.complete(), day.partial(), day.missing(), day.suspended(), day.notListed(),
					day.delisted()));
		}
		this.console.say("  " + verdicts.entrySet()
			.stream()
			.map((entry) -> entry.getValue() + " " + entry.getKey())
			.collect(Collectors.joining(", ")));
		if (days.size() == 1 && (days.get(0).missing() > 0 || days.get(0).partial() > 0)) {
			printGaps(dataset.name(), days.get(0));
		}
	}

	private void printGaps(String dataset, CoverageDay day) {
		List<CoverageGap> gaps = this.queries.gaps(dataset, day.day(), GAPS_SHOWN);
		for (CoverageGap gap : gaps) {
			this.console.say(String.format("    %-12s %-8s%s%s", gap.symbol(), gap.status(),
					gap.quarantined() ? " quarantined" : "", (gap.reason() != null) ? "  " + gap.reason() : ""));
		}
		long more = day.missing() + day.partial() - gaps.size();
		if (more > 0) {
			this.console.say("    and " + more + " more");
		}
	}

	int check(List<String> args) {
		List<Dataset> datasets = this.queries.datasets();
		List<Dataset> chosen = new ArrayList<>();
		ZonedDateTime at = ZonedDateTime.now(this.clock.withZone(this.properties.zone()));
		for (String arg : args) {
			if (arg.startsWith("at=")) {
				try {
					String typed = arg.substring(3);
					if (!typed.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")) {
						throw new DateTimeParseException("not a local date and time", typed, 0);
					}
					at = LocalDateTime.parse(typed).atZone(this.properties.zone());
				}
				catch (DateTimeParseException ex) {
					return refuse("at '" + LaunchInput.shown(arg.substring(3)) + "' is not a local date and time; use "
							+ "YYYY-MM-DDTHH:MM in " + this.properties.zone() + ", for example 2026-11-20T18:00.");
				}
				try {
					DateWindow.check("at", at.toLocalDate());
				}
				catch (IllegalArgumentException ex) {
					return refuse(ex.getMessage());
				}
				continue;
			}
			Dataset dataset = datasets.stream()
				.filter((candidate) -> candidate.name().equals(arg))
				.findFirst()
				.orElse(null);
			if (dataset == null) {
				return refuse("Unknown dataset '" + LaunchInput.shown(arg) + "'; datasets: " + names(datasets) + ".");
			}
			chosen.add(dataset);
		}
		List<DatasetFreshness> judged = this.freshness.of(chosen.isEmpty() ? datasets : chosen, at);
		for (DatasetFreshness result : judged) {
			if (result.isSwitchedOff()) {
				this.console.say(result.dataset() + ": switched off (" + result.switchedOff() + "); not checked");
			}
		}
		List<DatasetFreshness> results = judged.stream().filter((result) -> !result.isSwitchedOff()).toList();
		List<DatasetFreshness> stale = results.stream().filter((result) -> !result.isFresh()).toList();
		if (results.isEmpty()) {
			return JobCommands.EXIT_COMPLETED;
		}
		List<Finding> blocking = blocking(results);
		if (stale.isEmpty() && blocking.isEmpty()) {
			this.console.say("OK: " + results.stream()
				.map((result) -> result.dataset() + " " + result.expectedDay())
				.collect(Collectors.joining(", ")) + " complete.");
			return JobCommands.EXIT_COMPLETED;
		}
		for (DatasetFreshness result : stale) {
			this.console.refuse(result.dataset() + ": " + result.problem());
		}
		blocking.stream()
			.limit(LISTED_FINDINGS)
			.forEach((finding) -> this.console.refuse(finding.dataset() + ": " + finding.symbol() + " " + finding.day()
					+ " " + finding.rule() + ": " + finding.detail()));
		if (blocking.size() > LISTED_FINDINGS) {
			this.console.refuse("... and " + (blocking.size() - LISTED_FINDINGS)
					+ " more blocking findings; 'quality' lists them.");
		}
		Set<String> failed = new TreeSet<>();
		stale.forEach((result) -> failed.add(result.dataset()));
		blocking.forEach((finding) -> failed.add(finding.dataset()));
		this.console.refuse("NOT COMPLETE: " + String.join(", ", failed));
		return JobCommands.EXIT_NOT_COMPLETED;
	}

	// The data-quality rules over the checked datasets' expected days: a blocking finding
	// on a dataset's expected day fails the check as a missing unit does.
	private List<Finding> blocking(List<DatasetFreshness> results) {
		Map<String, LocalDate> expected = new HashMap<>();
		results.stream()
			.filter((result) -> result.expectedDay() != null)
			.forEach((result) -> expected.put(result.dataset(), result.expectedDay()));
		if (expected.isEmpty()) {
			return List.of();
		}
		// Each expected day on its own: a monthly dataset's day may lie months before a
		// daily one's, and the days between are not checked.
		List<Finding> blocking = new ArrayList<>();
		for (LocalDate day : new TreeSet<>(expected.values())) {
			this.quality.run(day, day)
				.stream()
				.filter((finding) -> finding.blocking() && day.equals(expected.get(finding.dataset())))
				.forEach(blocking::add);
		}
		return blocking;
	}

	/**
	 * Settles {@code trade_date=today} for a job launch from cron or a timer: today's
	 * date in the market's zone when the SSE calendar has it open; otherwise nothing is
	 * launched.
	 * @param parameters the launch's parameters, changed in place
	 * @return {@code null} to go on with the launch, otherwise the exit code: 0 on a
	 * closed day, 1 when the calendar does not know today
	 */
	@Nullable Integer settleToday(Map<String, String> parameters) {
		if (!"today".equals(parameters.get("trade_date"))) {
			return null;
		}
		LocalDate today = LocalDate.now(this.clock.withZone(this.properties.zone()));
		Boolean open = this.queries.isOpen(TODAY_CALENDAR, today);
		if (open == null) {
			this.console.refuse("The " + TODAY_CALENDAR + " calendar does not know " + today
					+ ", so whether it is a trading day is unknown; load it with job=calendar.");
			return JobCommands.EXIT_NOT_COMPLETED;
		}
		if (!open) {
			this.console
				.say(today + " is not a trading day on the " + TODAY_CALENDAR + " calendar; nothing to launch.");
			return JobCommands.EXIT_COMPLETED;
		}
		parameters.put("trade_date", today.toString());
		return null;
	}

	/** The blocking findings a failed check lists before it refers to 'quality'. */
	private static final int LISTED_FINDINGS = 10;

	private int refuse(String message) {
		this.console.refuse(message);
		return JobCommands.EXIT_REFUSED;
	}

	private static String names(List<Dataset> datasets) {
		return datasets.stream().map(Dataset::name).collect(Collectors.joining(", "));
	}

	private static boolean looksLikeDate(String value) {
		return !value.isEmpty() && Character.isDigit(value.charAt(0));
	}

	private static LocalDate date(String name, String value) {
		return LaunchInput.date(name, value);
	}

}
