package com.marketbase.batch.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The non-option arguments of {@code batch.jar}, parsed into a command and its
 * parameters.
 *
 * @param command what to do: {@code job}, {@code help}
 * @param job the job name for {@code job=<name>}, otherwise empty
 * @param parameters the remaining {@code name=value} pairs in order
 */
record CommandLine(String command, String job, Map<String, String> parameters) {

	static final String USAGE = """
			Usage: java -jar batch.jar job=<name> [name=value ...]
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

}
