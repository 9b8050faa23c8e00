package com.marketbase.batch.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.quality.Finding;
import com.marketbase.batch.quality.QualityRules;
import com.marketbase.batch.support.launch.DateWindow;
import com.marketbase.batch.support.launch.LaunchInput;

/**
 * {@code quality [from [to]]}: runs the data-quality rules over some days (the last 30 by
 * default), says how many findings each rule made, lists the first ones, and exits 1 when
 * any is blocking.
 */
final class QualityCommands {

	private static final int DEFAULT_DAYS = 30;

	private static final int LISTED = 20;

	private final QualityRules rules;

	private final Clock clock;

	private final ZoneId zone;

	private final Console console;

	QualityCommands(QualityRules rules, Clock clock, ZoneId zone, Console console) {
		this.rules = rules;
		this.clock = clock;
		this.zone = zone;
		this.console = console;
	}

	int quality(List<String> args) {
		LocalDate today = LocalDate.now(this.clock.withZone(this.zone));
		LocalDate from;
		LocalDate to;
		try {
			if (args.size() > 2) {
				throw new IllegalArgumentException("quality takes at most two days: quality [from [to]].");
			}
			from = args.isEmpty() ? today.minusDays(DEFAULT_DAYS) : day(args.get(0));
			to = (args.size() > 1) ? day(args.get(1)) : today;
			DateWindow.check("from", from);
			DateWindow.check("to", to);
			List<Finding> findings = this.rules.run(from, to);
			if (findings.isEmpty()) {
				this.console.say("OK: no findings from " + from + " to " + to + ".");
				return JobCommands.EXIT_COMPLETED;
			}
			Map<String, long[]> byRule = this.rules.counts(from, to);
			byRule.forEach((rule, counts) -> this.console
				.say(rule + ": " + counts[0] + " blocking, " + counts[1] + " warning(s)"));
			findings.stream()
				.limit(LISTED)
				.forEach((finding) -> this.console.say(finding.severity() + " " + finding.dataset() + " "
						+ finding.symbol() + " " + finding.day() + " " + finding.rule() + ": " + finding.detail()));
			long total = byRule.values().stream().mapToLong((counts) -> counts[0] + counts[1]).sum();
			if (total > LISTED) {
				this.console.say("... and " + (total - LISTED) + " more in market.quality_findings.");
			}
			long blocking = byRule.values().stream().mapToLong((counts) -> counts[0]).sum();
			return (blocking > 0) ? JobCommands.EXIT_NOT_COMPLETED : JobCommands.EXIT_COMPLETED;
		}
		catch (IllegalArgumentException ex) {
			this.console.refuse(ex.getMessage());
			return JobCommands.EXIT_REFUSED;
		}
	}

	private static LocalDate day(String typed) {
		try {
			return LocalDate.parse(typed);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"'" + LaunchInput.shown(typed) + "' is not a date; use YYYY-MM-DD, for example 2026-11-20.");
		}
	}

}
