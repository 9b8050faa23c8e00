package com.marketbase.batch.cli;

import java.util.List;
import java.util.Optional;

import com.marketbase.batch.probe.PermissionProbe;
import com.marketbase.batch.probe.ProbeResult;
import com.marketbase.batch.rollout.RolloutSwitch;
import com.marketbase.batch.rollout.RolloutSwitches;
import com.marketbase.batch.rollout.SwitchChange;
import com.marketbase.batch.rollout.SwitchRefusedException;
import com.marketbase.batch.source.SourceException;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;
import com.marketbase.batch.support.launch.LaunchInput;

/**
 * The {@code flags} and {@code probe} commands: the rollout switches with their trail,
 * changing one with a reason, and the permission probes of the sources' endpoints.
 */
class FlagCommands {

	static final String FLAGS_USAGE = "flags [audit [--limit N]] | flags set NAME=true|false --reason \"…\" [--by NAME]";

	private static final int SHOWN_CHANGES = 10;

	private static final int MAX_LIMIT = 1000;

	private final RolloutSwitches switches;

	private final PermissionProbe probe;

	private final Console console;

	FlagCommands(RolloutSwitches switches, PermissionProbe probe, Console console) {
		this.switches = switches;
		this.probe = probe;
		this.console = console;
	}

	int flags(List<String> args) {
		try {
			if (args.isEmpty()) {
				showSwitches();
				this.console.say("");
				showChanges(SHOWN_CHANGES);
				return JobCommands.EXIT_COMPLETED;
			}
			if (args.get(0).equals("audit")) {
				showChanges(limit(args.subList(1, args.size())));
				return JobCommands.EXIT_COMPLETED;
			}
			if (args.get(0).equals("set")) {
				return set(args.subList(1, args.size()));
			}
			throw new IllegalArgumentException(
					"Usage: " + FLAGS_USAGE + "; not '" + LaunchInput.shown(args.get(0)) + "'.");
		}
		catch (IllegalArgumentException ex) {
			this.console.refuse(ex.getMessage());
			return JobCommands.EXIT_REFUSED;
		}
	}

	private int set(List<String> args) {
		String assignment = null;
		String reason = null;
		String by = null;
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.startsWith("--reason") || arg.startsWith("--by")) {
				String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
				String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
						: (i + 1 < args.size()) ? args.get(++i) : null;
				if (!name.equals("--reason") && !name.equals("--by")) {
					throw new IllegalArgumentException(
							"Usage: " + FLAGS_USAGE + "; not '" + LaunchInput.shown(arg) + "'.");
				}
				if (value == null) {
					throw new IllegalArgumentException(name + " needs a value; usage: " + FLAGS_USAGE + ".");
				}
				if (name.equals("--reason")) {
					reason = value;
				}
				else {
					by = value;
				}
			}
			else if (assignment == null && arg.contains("=") && !arg.startsWith("--")) {
				assignment = arg;
			}
			else {
				throw new IllegalArgumentException("Usage: " + FLAGS_USAGE + "; not '" + LaunchInput.shown(arg) + "'.");
			}
		}
		if (assignment == null) {
			throw new IllegalArgumentException("Say which switch: " + FLAGS_USAGE + ".");
		}
		String name = assignment.substring(0, assignment.indexOf('='));
		String typed = assignment.substring(assignment.indexOf('=') + 1);
		if (!typed.equals("true") && !typed.equals("false")) {
			throw new IllegalArgumentException(
					"A switch is true or false, not '" + LaunchInput.shown(typed) + "': flags set " + name + "=true.");
		}
		if (reason == null) {
			throw new SwitchRefusedException("A change needs a reason: flags set " + assignment + " --reason \"…\" (at "
					+ "most " + RolloutSwitches.MAX_REASON + " characters).");
		}
		boolean value = Boolean.parseBoolean(typed);
		// Who changed a switch is the person at the terminal unless they say otherwise.
		String who = (by != null) ? by : System.getProperty("user.name", "cli");
		Optional<SwitchChange> change = this.switches.set(name, value, who, reason);
		if (change.isEmpty()) {
			this.console.say(name + " is " + value + " already; nothing changed.");
			return JobCommands.EXIT_COMPLETED;
		}
		RolloutSwitch now = this.switches.find(name).orElseThrow();
		this.console.say(name + ": " + change.get().oldValue() + " -> " + value + " by " + change.get().changedBy()
				+ " at " + change.get().changedAt() + " (updatedAt " + change.get().changedAtMs() + ")"
				+ ((now.effective() == value) ? "" : "; without effect while its batch switch is off"));
		return JobCommands.EXIT_COMPLETED;
	}

	private void showSwitches() {
		this.console.say(String.format("%-34s %-5s %-6s %-9s %-24s %-16s %s", "switch", "batch", "value", "effective",
				"updated at", "by", "reason"));
		for (RolloutSwitch entry : this.switches.all()) {
			this.console.say(String.format("%-34s %-5s %-6s %-9s %-24s %-16s %s", entry.name(), entry.batch(),
					entry.value(), entry.effective(), entry.updatedAt(), entry.updatedBy(), entry.reason()));
		}
	}

	private void showChanges(int limit) {
		List<SwitchChange> changes = this.switches.changes(limit);
		this.console.say("Changes, newest first:");
		for (SwitchChange change : changes) {
			this.console.say(String.format("%6d  %-34s %-5s -> %-5s %-24s %13d  %-16s %s", change.id(), change.name(),
					(change.oldValue() != null) ? change.oldValue() : "-", change.newValue(), change.changedAt(),
					change.changedAtMs(), change.changedBy(), change.reason()));
		}
	}

	private static int limit(List<String> args) {
		if (args.isEmpty()) {
			return 50;
		}
		String value = args.get(0).startsWith("--limit=") ? args.get(0).substring("--limit=".length())
				: (args.get(0).equals("--limit") && args.size() > 1) ? args.get(1) : "";
		if (!value.matches("\\d{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_LIMIT) {
			throw new IllegalArgumentException("flags audit takes --limit 1.." + MAX_LIMIT + ".");
		}
		return Integer.parseInt(value);
	}

	int probe(List<String> args) {
		List<SourceName> asked;
		try {
			if (args.size() > 1) {
				throw new IllegalArgumentException("probe takes at most one source: " + SourceResolver.keys() + ".");
			}
			asked = args.isEmpty() ? this.probe.configured() : List.of(SourceName.parse(args.get(0)));
		}
		catch (IllegalArgumentException ex) {
			this.console.refuse(ex.getMessage());
			return JobCommands.EXIT_REFUSED;
		}
		if (asked.isEmpty()) {
			this.console.refuse("No source is configured to probe; name one: probe tushare.");
			return JobCommands.EXIT_REFUSED;
		}
		int refused = 0;
		boolean unreachable = false;
		for (SourceName source : asked) {
			this.console.say("probe " + source.key() + ":");
			try {
				List<ProbeResult> results = this.probe.probe(source,
						(result) -> this.console.say("  " + result.line()));
				refused += (int) results.stream().filter((result) -> !result.granted()).count();
			}
			catch (IllegalArgumentException | SourceException ex) {
				this.console.refuse("  " + source.key() + " not probed: " + ex.getMessage());
				unreachable = true;
			}
		}
		this.console.say(refused + " endpoint(s) refused; recorded in market.permission_probes.");
		// A refused endpoint is an answer, not a failure of the probe.
		return unreachable ? JobCommands.EXIT_NOT_COMPLETED : JobCommands.EXIT_COMPLETED;
	}

}
