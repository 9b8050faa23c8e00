package com.marketbase.batch.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketbase.batch.chain.Chain;
import com.marketbase.batch.chain.ChainModule;
import com.marketbase.batch.chain.ChainRun;
import com.marketbase.batch.gate.Gate;
import com.marketbase.batch.gate.GateReport;
import com.marketbase.batch.support.launch.LaunchInput;
import org.jspecify.annotations.Nullable;

/**
 * The {@code chain} and {@code gate} commands: the night's modules, each its own job
 * instance, with one line per module; and the phase gate, per batch and dataset.
 */
class ChainCommands {

	// What the chain hands every module; each module's own launch reads them.
	private static final Set<String> CHAIN_NAMES = Set.of("trade_date", "source", "force",
			LaunchInput.ALLOW_MIXED_SOURCES);

	private static final String GATE_USAGE = "gate takes --days 1.." + Gate.LOOKBACK
			+ " (default 3) and --as-of YYYY-MM-DD (default today)";

	private final Chain chain;

	private final Gate gate;

	private final Console console;

	ChainCommands(Chain chain, Gate gate, Console console) {
		this.chain = chain;
		this.gate = gate;
		this.console = console;
	}

	int chain(Map<String, String> given) {
		Map<String, String> parameters = new LinkedHashMap<>(given);
		try {
			LaunchInput.check("chain", parameters, CHAIN_NAMES);
			String day = parameters.get("trade_date");
			if (day != null) {
				parameters.put("trade_date", LaunchInput.date("trade_date", day).toString());
			}
		}
		catch (IllegalArgumentException ex) {
			this.console.refuse(ex.getMessage());
			return JobCommands.EXIT_REFUSED;
		}
		this.console.say("chain: " + String.join(", ", this.chain.modules()));
		ChainRun run = this.chain.run(parameters, "cli");
		for (ChainModule module : run.modules()) {
			this.console.say("  " + module.line());
		}
		// A failed module is its own outcome, but the run did not do all of its work.
		if (run.failed()) {
			this.console.refuse(run.summary() + "; each failed module names its restart=<id>.");
			return JobCommands.EXIT_NOT_COMPLETED;
		}
		this.console.say(run.summary());
		return JobCommands.EXIT_COMPLETED;
	}

	int gate(List<String> args) {
		int days = 3;
		String asOf = null;
		try {
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
				String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
						: (i + 1 < args.size()) ? args.get(++i) : null;
				if (!name.equals("--days") && !name.equals("--as-of")) {
					throw new IllegalArgumentException(GATE_USAGE + ", not '" + LaunchInput.shown(arg) + "'.");
				}
				if (value == null || value.isBlank()) {
					throw new IllegalArgumentException(name + " needs a value; " + GATE_USAGE + ".");
				}
				if (name.equals("--days")) {
					days = days(value);
				}
				else {
					asOf = value;
				}
			}
			GateReport report = this.gate.evaluate(days, (asOf != null) ? LaunchInput.date("as-of", asOf) : null);
			show(report);
			return report.passed() ? JobCommands.EXIT_COMPLETED : JobCommands.EXIT_NOT_COMPLETED;
		}
		catch (IllegalArgumentException ex) {
			this.console.refuse(ex.getMessage());
			return JobCommands.EXIT_REFUSED;
		}
	}

	private static int days(String value) {
		if (!value.matches("\\d{1,2}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > Gate.LOOKBACK) {
			throw new IllegalArgumentException("--days is a whole number from 1 to " + Gate.LOOKBACK + ", not '"
					+ LaunchInput.shown(value) + "'.");
		}
		return Integer.parseInt(value);
	}

	private void show(GateReport report) {
		this.console.say("gate as of " + report.asOf() + (report.replay() ? " (as the warehouse stood then)" : "")
				+ ": " + report.required() + " consecutive clean trading days needed");
		for (GateReport.Batch batch : report.batches()) {
			boolean anyKnown = batch.datasets().stream().anyMatch(GateReport.DatasetDays::known);
			this.console.say(batch.name() + ": " + (anyKnown ? batch.cleanDays() + " clean days" : "no known dataset")
					+ (batch.passed() ? ", passed" : ", below " + report.required()));
			for (GateReport.DatasetDays dataset : batch.datasets()) {
				this.console.say(String.format("  %-12s %s", dataset.dataset(), line(dataset)));
			}
		}
	}

	private static String line(GateReport.DatasetDays dataset) {
		if (!dataset.known()) {
			return "unknown dataset";
		}
		@Nullable String broken = (dataset.brokenDay() != null) ? "; " + dataset.brokenDay() + " not clean: " + dataset.reason()
				: "; " + dataset.reason();
		return dataset.cleanDays() + " clean days" + broken;
	}

}
