package com.marketbase.batch.cli;

import java.util.ArrayList;
import java.util.List;

import com.marketbase.batch.support.units.Quarantine;

/**
 * {@code quarantine list [dataset]} and
 * {@code quarantine release <id>|--dataset <d> --reason "..."}: the units that wait for a
 * person, and letting them go back to the loads, each release kept with who made it, when
 * and why.
 */
class QuarantineCommands {

	private static final String USAGE = "Use: quarantine list [dataset], or quarantine release <id> --reason \"...\", "
			+ "or quarantine release --dataset <dataset> --reason \"...\".";

	private final Quarantine quarantine;

	private final Console console;

	QuarantineCommands(Quarantine quarantine, Console console) {
		this.quarantine = quarantine;
		this.console = console;
	}

	/**
	 * Runs a quarantine command.
	 * @param args the arguments after {@code quarantine}, options included
	 * @return the exit code
	 */
	int run(List<String> args) {
		if (args.isEmpty()) {
			return refuse(USAGE);
		}
		try {
			return switch (args.get(0)) {
				case "list" -> list(args.subList(1, args.size()));
				case "release" -> release(args.subList(1, args.size()));
				default -> refuse("Unknown quarantine command '" + args.get(0) + "'. " + USAGE);
			};
		}
		catch (IllegalArgumentException ex) {
			return refuse(ex.getMessage());
		}
	}

	private int list(List<String> args) {
		if (args.size() > 1) {
			return refuse(USAGE);
		}
		String dataset = args.isEmpty() ? null : args.get(0);
		List<Quarantine.Unit> units = this.quarantine.list(dataset);
		if (units.isEmpty()) {
			this.console.say("No unit is quarantined" + ((dataset != null) ? " for " + dataset : "") + ".");
			return JobCommands.EXIT_COMPLETED;
		}
		this.console.say(String.format("%6s  %-12s %-22s %-8s %8s  %-19s  %s", "id", "dataset", "unit", "source",
				"attempts", "quarantined", "last error"));
		for (Quarantine.Unit unit : units) {
			this.console.say(String.format("%6d  %-12s %-22s %-8s %8d  %-19s  %s", unit.id(), unit.dataset(),
					unit.unit(), unit.source(), unit.attempts(),
					unit.quarantinedAt().toLocalDateTime().withNano(0).toString().replace('T', ' '),
					firstLine(unit.lastError())));
		}
		long total = this.quarantine.count(dataset);
		if (total > units.size()) {
			this.console.say("... and " + (total - units.size()) + " more.");
		}
		return JobCommands.EXIT_COMPLETED;
	}

	private int release(List<String> args) {
		String reason = CommandLine.option(args, "reason", null);
		String dataset = CommandLine.option(args, "dataset", null);
		List<String> plain = plain(args);
		if (reason == null || reason.isBlank()) {
			return refuse("A release needs --reason \"...\"; it is kept with who released the unit and when.");
		}
		String by = System.getProperty("user.name", "unknown");
		if (dataset != null) {
			if (!plain.isEmpty()) {
				return refuse("Give either an id or --dataset, not both. " + USAGE);
			}
			int released = this.quarantine.releaseAll(dataset, by, reason);
			this.console.say("Released " + released + " quarantined unit(s) of " + dataset
					+ "; the next run of its job loads them again.");
			return JobCommands.EXIT_COMPLETED;
		}
		if (plain.size() != 1 || !plain.get(0).matches("\\d{1,18}")) {
			return refuse("quarantine release takes the id of a unit, as 'quarantine list' shows it. " + USAGE);
		}
		Quarantine.Unit unit = this.quarantine.release(Long.parseLong(plain.get(0)), by, reason);
		this.console.say("Released " + unit.dataset() + " " + unit.unit() + " (id " + unit.id()
				+ "); the next run of its job loads it again.");
		return JobCommands.EXIT_COMPLETED;
	}

	// The arguments that are neither options nor their values.
	private static List<String> plain(List<String> args) {
		List<String> plain = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.startsWith("--")) {
				if (!arg.contains("=")) {
					i++;
				}
				continue;
			}
			plain.add(arg);
		}
		return plain;
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		String line = (newline > 0) ? text.substring(0, newline) : text;
		return (line.length() > 120) ? line.substring(0, 117) + "..." : line;
	}

	private int refuse(String message) {
		this.console.refuse(message);
		return JobCommands.EXIT_REFUSED;
	}

}
