package com.marketbase.batch.cli;

import java.util.List;
import java.util.TreeSet;

import com.marketbase.batch.sandbox.Sandbox;
import com.marketbase.batch.sandbox.SandboxSettings;
import org.springframework.batch.core.job.Job;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Runs what the command line asks for and turns the outcome into the process exit code: 0
 * only when the work completed, 2 when the arguments were refused before anything ran.
 */
@Component
class CliRunner implements ApplicationRunner, ExitCodeGenerator {

	static final int EXIT_REFUSED = 2;

	private final List<Job> jobs;

	private final Console console;

	private int exitCode;

	CliRunner(List<Job> jobs) {
		this.jobs = jobs;
		this.console = Console.system();
	}

	@Override
	public void run(ApplicationArguments args) {
		CommandLine commandLine;
		try {
			commandLine = CommandLine.parse(args.getNonOptionArgs());
		}
		catch (IllegalArgumentException ex) {
			refuse(ex.getMessage() + System.lineSeparator() + CommandLine.USAGE);
			return;
		}
		if (commandLine.command().equals("sandbox")) {
			runSandbox(List.of(args.getSourceArgs()));
			return;
		}
		if (commandLine.command().equals("help")) {
			this.console.say(CommandLine.USAGE + System.lineSeparator() + "Jobs: " + jobNames());
			return;
		}
		if (this.jobs.stream().noneMatch((job) -> job.getName().equals(commandLine.job()))) {
			refuse("Unknown job '" + commandLine.job() + "'. Jobs: " + jobNames() + ".");
		}
	}

	private void runSandbox(List<String> args) {
		SandboxSettings settings;
		try {
			settings = SandboxSettings.defaults()
				.withPort(Integer.parseInt(CommandLine.option(args, "port", "7700")))
				.withSeed(Long.parseLong(CommandLine.option(args, "seed", "42")));
		}
		catch (NumberFormatException ex) {
			refuse("--port and --seed take whole numbers." + System.lineSeparator() + CommandLine.USAGE);
			return;
		}
		Sandbox sandbox = Sandbox.start(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
		this.console.say("Source sandbox on " + sandbox.baseUrl() + ": Tushare at / and /dataapi (token "
				+ SandboxSettings.TOKEN + "), TDX gateway under /api/, Eastmoney at /f10/lsjz and /js/{code}.js. "
				+ "Stop it with Ctrl-C.");
		try {
			sandbox.awaitClose();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			sandbox.close();
		}
	}

	private String jobNames() {
		TreeSet<String> names = new TreeSet<>();
		this.jobs.forEach((job) -> names.add(job.getName()));
		return names.isEmpty() ? "none defined yet" : String.join(", ", names);
	}

	private void refuse(String message) {
		this.console.refuse(message);
		this.exitCode = EXIT_REFUSED;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
