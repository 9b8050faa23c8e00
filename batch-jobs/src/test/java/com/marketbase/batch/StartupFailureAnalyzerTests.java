package com.marketbase.batch;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;

import static org.assertj.core.api.Assertions.assertThat;

class StartupFailureAnalyzerTests {

	private final StartupFailureAnalyzer analyzer = new StartupFailureAnalyzer();

	@Test
	void reportsAPartThatCouldNotBeMadeByItsInnermostCauseInOneLine() {
		BeanCreationException failure = new BeanCreationException("consoleExecutionLogs",
				new BeanCreationException("inner", new IllegalStateException("Cannot create /var/log/x\n\tat detail")));

		FailureAnalysis analysis = this.analyzer.analyze(failure);

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("Marketbase could not start: Cannot create /var/log/x");
		assertThat(analysis.getAction()).contains("--debug");
	}

	@Test
	void leavesBootsOwnFailuresToTheirAnalyzers() {
		BeanCreationException failure = new BeanCreationException("webServer", new PortInUseException(8080));

		assertThat(this.analyzer.analyze(failure)).isNull();
		assertThat(this.analyzer.analyze(new IllegalStateException("not a bean"))).isNull();
	}

}
