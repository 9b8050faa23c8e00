package com.marketbase.batch.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The non-option arguments of {@code batch.jar}, parsed into a command and its
 * parameters.
 *
 * @param command what to do: {@code job}, {@code chain}, {@code gate}, {@code restart},
 * {@code stop}, {@code abandon}, {@code list}, {@code flags}, {@code probe},
 * {@code serve}, {@code sandbox}, {@code help}
 * @param target the job name for {@code job=<name>}, the execution id for
 * {@code restart}, {@code stop} and {@code abandon}, the further arguments separated by
 * spaces for {@code coverage}, {@code check} and {@code quarantine}, otherwise empty
 * @param parameters the remaining {@code name=value} pairs in order
 */
record CommandLine(String command, String target, Map<String, String> parameters) {

	static final String USAGE = """
			Usage: java -jar batch.jar job=<name> [name=value ...]   start a job, or resume its failed run
			       java -jar batch.jar restart=<executionId>          restart a failed or stopped execution
			       java -jar batch.jar stop=<executionId>             stop a running execution after its current chunk
			       java -jar batch.jar abandon=<executionId>          give up a stopped or failed execution for good
			       java -jar batch.jar list                           recent executions
			       java -jar batch.jar coverage [dataset] [from [to]]  complete, partial, missing units per day
			       java -jar batch.jar check [dataset ...]            exit 1 when a last expected day is not complete
			       java -jar batch.jar quality [from [to]]            data-quality rules over the days, exit 1 if blocking
			       java -jar batch.jar chain [trade_date=…] [source=…]  every dataset of the night, each its own job
			       java -jar batch.jar gate [--days 3] [--as-of DATE]   consecutive clean trading days per batch
			       java -jar batch.jar flags [audit]                   rollout switches, effective values, their trail
			       java -jar batch.jar flags set NAME=true|false --reason "..." [--by NAME]
			       java -jar batch.jar probe [source]                 which endpoints the source grants, recorded
			       java -jar batch.jar selftest [source]              every endpoint asked, timed and classed, kept
			       java -jar batch.jar quarantine list [dataset]      units that wait for a person
			       java -jar batch.jar quarantine release <id>|--dataset <d> --reason "..."
			       java -jar batch.jar worker [--concurrency 1]         take load partitions from the broker
			       java -jar batch.jar workers [executionId]           the workers, or where an execution ran
			       java -jar batch.jar storage                        the connection, every table's size, compression and storage policy
			       java -jar batch.jar serve [--server.port=8080]      web console and REST API
			       java -jar batch.jar sandbox [--port 7700] [--seed 42]
			       java -jar batch.jar help""";

	private static final Set<String> EXECUTION_COMMANDS = Set.of("restart", "stop", "abandon");

	/**
	 * Parses the arguments.
	 * @param args the non-option arguments
	 * @return the command line
	 * @throws IllegalArgumentException with a message for the user when the arguments are
	 * malformed
	 */
	static CommandLine parse(List<String> args) {
		if (args.isEmpty() || args.equals(List.of("help"))) {
			return new CommandLine("help", "", Map.of());
		}
		if (args.get(0).equals("sandbox")) {
			// Its options (--port 7700) are read from the raw arguments; see option().
			return new CommandLine("sandbox", "", Map.of());
		}
		if (args.get(0).equals("flags") || args.get(0).equals("probe") || args.get(0).equals("selftest")) {
			// Their options (--reason "...") are read from the raw arguments.
			return new CommandLine(args.get(0), "", Map.of());
		}
		if (args.get(0).equals("worker")) {
			// Its option (--concurrency 2) is read from the raw arguments.
			return new CommandLine("worker", "", Map.of());
		}
		if (args.get(0).equals("workers") && args.size() <= 2) {
			return new CommandLine("workers", String.join(" ", args.subList(1, args.size())), Map.of());
		}
		if (args.get(0).equals("gate")) {
			// Its options (--days 3) are read from the raw arguments.
			return new CommandLine("gate", "", Map.of());
		}
		if (args.get(0).equals("coverage") || args.get(0).equals("check") || args.get(0).equals("quarantine")
				|| args.get(0).equals("quality")) {
			return new CommandLine(args.get(0), String.join(" ", args.subList(1, args.size())), Map.of());
		}
		if (args.equals(List.of("storage"))) {
			return new CommandLine("storage", "", Map.of());
		}
		if (args.equals(List.of("list"))) {
			return new CommandLine("list", "", Map.of());
		}
		if (args.equals(List.of("serve"))) {
			return new CommandLine("serve", "", Map.of());
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		boolean chain = args.get(0).equals("chain");
		for (String arg : chain ? args.subList(1, args.size()) : args) {
			int equals = arg.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException("Cannot read '" + arg + "': arguments are name=value pairs.");
			}
			String name = arg.substring(0, equals);
			if (parameters.putIfAbsent(name, arg.substring(equals + 1)) != null) {
				throw new IllegalArgumentException("Parameter '" + name + "' is given twice.");
			}
		}
		if (chain) {
			return new CommandLine("chain", "", parameters);
		}
		for (String command : EXECUTION_COMMANDS) {
			if (parameters.containsKey(command)) {
				return execution(command, parameters);
			}
		}
		String job = parameters.remove("job");
		if (job == null || job.isBlank()) {
			throw new IllegalArgumentException(
					"Say what to do: job=<name>, restart=<id>, stop=<id>, abandon=<id> " + "or list.");
		}
		return new CommandLine("job", job, parameters);
	}

	private static CommandLine execution(String command, Map<String, String> parameters) {
		if (parameters.size() > 1) {
			throw new IllegalArgumentException(command + "=<executionId> takes no other parameters; "
					+ "an execution restarts with the parameters it had.");
		}
		String id = parameters.get(command);
		if (!id.matches("\\d{1,18}")) {
			throw new IllegalArgumentException(
					command + " takes an execution id, a whole number as 'list' shows it, not '" + id + "'.");
		}
		return new CommandLine(command, id, Map.of());
	}

	List<String> arguments() {
		return this.target.isEmpty() ? List.of() : List.of(this.target.split(" "));
	}

	long executionId() {
		return Long.parseLong(this.target);
	}

	/**
	 * The value of an option given as {@code --name value} or {@code --name=value}.
	 * @param args the raw arguments
	 * @param name the option name without dashes
	 * @param fallback the value when the option is absent
	 * @return the value
	 */
	static String option(List<String> args, String name, String fallback) {
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.startsWith("--" + name + "=")) {
				return arg.substring(name.length() + 3);
			}
			if (arg.equals("--" + name) && i + 1 < args.size()) {
				return args.get(i + 1);
			}
		}
		return fallback;
	}

}
