package com.marketbase.batch.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The non-option arguments of {@code batch.jar}, parsed into a command and its
 * parameters.
 *
 * @param command what to do: {@code job}, {@code sandbox}, {@code help}
 * @param job the job name for {@code job=<name>}, otherwise empty
 * @param parameters the remaining {@code name=value} pairs in order
 */
record CommandLine(String command, String job, Map<String, String> parameters) {

	static final String USAGE = """
			Usage: java -jar batch.jar job=<name> [name=value ...]
			       java -jar batch.jar sandbox [--port 7700] [--seed 42]
			       java -jar batch.jar help""";

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
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException("Cannot read '" + arg + "': arguments are name=value pairs.");
			}
			String name = arg.substring(0, equals);
			if (parameters.putIfAbsent(name, arg.substring(equals + 1)) != null) {
				throw new IllegalArgumentException("Parameter '" + name + "' is given twice.");
			}
		}
		String job = parameters.remove("job");
		if (job == null || job.isBlank()) {
			throw new IllegalArgumentException("No job named: start one with job=<name>.");
		}
		return new CommandLine("job", job, parameters);
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
