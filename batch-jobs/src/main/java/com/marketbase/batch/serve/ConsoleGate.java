package com.marketbase.batch.serve;

import java.time.LocalDate;

import com.marketbase.batch.gate.GateReport;
import com.marketbase.console.system.GateFacts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The phase gate as the console shows it: the same judgement as {@code batch.jar gate}.
 */
@Component
class ConsoleGate implements GateFacts {

	// Named in full: GateFacts.Gate, the console's view, is inherited under the short
	// name.
	private final com.marketbase.batch.gate.Gate gate;

	ConsoleGate(com.marketbase.batch.gate.Gate gate) {
		this.gate = gate;
	}

	@Override
	public GateFacts.Gate gate(int days, @Nullable LocalDate asOf) {
		GateReport report = this.gate.evaluate(days, asOf);
		return new GateFacts.Gate(report.asOf(), report.required(), report.replay(), report.passed(),
				report.batches()
					.stream()
					.map((batch) -> new Batch(batch.name(), batch.cleanDays(), batch.passed(),
							batch.datasets()
								.stream()
								.map((dataset) -> new Dataset(dataset.dataset(), dataset.known(), dataset.cleanDays(),
										dataset.brokenDay(), dataset.reason()))
								.toList()))
					.toList());
	}

}
