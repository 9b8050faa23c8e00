package com.marketbase.batch.cli;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CommandLineTests {

	@Test
	void readsAJobAndItsParametersInOrder() {
		CommandLine commandLine = CommandLine
			.parse(List.of("job=minute_1m", "trade_date=2026-11-20", "source=sandbox"));

		assertThat(commandLine.command()).isEqualTo("job");
		assertThat(commandLine.target()).isEqualTo("minute_1m");
		assertThat(commandLine.parameters()).containsExactly(Map.entry("trade_date", "2026-11-20"),
				Map.entry("source", "sandbox"));
	}

	@Test
	void readsTheChainWithTheParametersForItsModules() {
		CommandLine commandLine = CommandLine.parse(List.of("chain", "trade_date=2026-11-20", "source=tushare"));

		assertThat(commandLine.command()).isEqualTo("chain");
		assertThat(commandLine.parameters()).containsExactly(Map.entry("trade_date", "2026-11-20"),
				Map.entry("source", "tushare"));
		assertThat(CommandLine.parse(List.of("chain")).parameters()).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.parse(List.of("chain", "today")))
			.withMessage("Cannot read 'today': arguments are name=value pairs.");
	}

	@Test
	void leavesTheGateItsOptions() {
		assertThat(CommandLine.parse(List.of("gate", "3")).command()).isEqualTo("gate");
		assertThat(CommandLine.USAGE).contains("batch.jar chain [trade_date=…] [source=…]")
			.contains("batch.jar gate [--days 3] [--as-of DATE]");
	}

	@Test
	void showsHelpWithoutArguments() {
		assertThat(CommandLine.parse(List.of()).command()).isEqualTo("help");
		assertThat(CommandLine.parse(List.of("help")).command()).isEqualTo("help");
	}

	@Test
	void refusesWordsThatAreNotPairs() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.parse(List.of("minute_1m")))
			.withMessage("Cannot read 'minute_1m': arguments are name=value pairs.");
	}

	@Test
	void refusesARepeatedParameter() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CommandLine.parse(List.of("job=minute_1m", "source=tdx", "source=tushare")))
			.withMessage("Parameter 'source' is given twice.");
	}

	@Test
	void refusesParametersWithoutAJob() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.parse(List.of("trade_date=2026-11-20")))
			.withMessageContaining("job=<name>");
	}

	@Test
	void readsExecutionCommands() {
		assertThat(CommandLine.parse(List.of("restart=42")).command()).isEqualTo("restart");
		assertThat(CommandLine.parse(List.of("restart=42")).executionId()).isEqualTo(42);
		assertThat(CommandLine.parse(List.of("stop=7")).command()).isEqualTo("stop");
		assertThat(CommandLine.parse(List.of("list")).command()).isEqualTo("list");
	}

	@Test
	void refusesAnExecutionIdThatIsNotANumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.parse(List.of("restart=abc")))
			.withMessage("restart takes an execution id, a whole number as 'list' shows it, not 'abc'.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CommandLine.parse(List.of("restart=4", "trade_date=2026-11-20")))
			.withMessageContaining("takes no other parameters");
	}

}
