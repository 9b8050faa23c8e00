package com.marketbase.batch.cli;

import java.util.List;

import com.marketbase.batch.selftest.SelfTest;
import com.marketbase.batch.selftest.SelfTestRun;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.source.SourceResolver;

/**
 * {@code selftest [source]}: asks every endpoint of the configured sources (or of one) a
 * small known question, prints each answer with its latency, rows and the class of a
 * failure, keeps the run, and exits 1 when an endpoint failed.
 */
final class SelfTestCommands {

	private final SelfTest selfTest;

	private final Console console;

	SelfTestCommands(SelfTest selfTest, Console console) {
		this.selfTest = selfTest;
		this.console = console;
	}

	int selftest(List<String> typed) {
		// Options (--name=value) are the application's, read by Spring; never echoed.
		List<String> args = typed.stream().filter((arg) -> !arg.startsWith("--")).toList();
		List<SourceName> asked;
		try {
			if (args.size() > 1) {
				throw new IllegalArgumentException("selftest takes at most one source: " + SourceResolver.keys() + ".");
			}
			asked = args.isEmpty() ? this.selfTest.configured() : List.of(SourceName.parse(args.get(0)));
		}
		catch (IllegalArgumentException ex) {
			this.console.refuse(ex.getMessage());
			return JobCommands.EXIT_REFUSED;
		}
		if (asked.isEmpty()) {
			this.console.refuse("No source is configured to test; name one: selftest tushare.");
			return JobCommands.EXIT_REFUSED;
		}
		this.console.say(String.format("%-10s %-20s %-7s %10s %6s %-18s %s", "source", "endpoint", "status", "latency",
				"rows", "error class", "message"));
		SelfTestRun run = this.selfTest.run(asked, (result) -> this.console.say(result.line()));
		this.console.say("Self-test " + run.id() + ": " + run.results().size() + " endpoint(s), " + run.failed()
				+ " failed; kept in market.selftest_results.");
		return (run.failed() > 0) ? JobCommands.EXIT_NOT_COMPLETED : JobCommands.EXIT_COMPLETED;
	}

}
