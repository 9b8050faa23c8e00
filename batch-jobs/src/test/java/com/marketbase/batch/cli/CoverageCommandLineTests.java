package com.marketbase.batch.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageCommandLineTests {

	@Test
	void readsCoverageWithItsWordsInOrder() {
		CommandLine commandLine = CommandLine.parse(List.of("coverage", "minute_1m", "2026-11-01", "2026-11-20"));

		assertThat(commandLine.command()).isEqualTo("coverage");
		assertThat(commandLine.arguments()).containsExactly("minute_1m", "2026-11-01", "2026-11-20");
	}

	@Test
	void readsCoverageAndCheckWithoutArguments() {
		assertThat(CommandLine.parse(List.of("coverage")).arguments()).isEmpty();
		CommandLine check = CommandLine.parse(List.of("check"));
		assertThat(check.command()).isEqualTo("check");
		assertThat(check.arguments()).isEmpty();
	}

	@Test
	void readsCheckWithDatasetsAndAMoment() {
		assertThat(CommandLine.parse(List.of("check", "daily", "etf_daily", "at=2026-11-20T18:00")).arguments())
			.containsExactly("daily", "etf_daily", "at=2026-11-20T18:00");
	}

	@Test
	void namesTheNewCommandsInTheUsage() {
		assertThat(CommandLine.USAGE).contains("batch.jar coverage [dataset] [from [to]]")
			.contains("batch.jar check [dataset ...]");
	}

}
