package com.marketbase.batch.chain;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One run of the chain and what came of each module.
 *
 * @param id the run's row in {@code market.chain_runs}
 * @param tradeDate the day it was for, or {@code null} when each module took its own
 * default day
 * @param modules every module of the chain, in order
 */
public record ChainRun(long id, @Nullable LocalDate tradeDate, List<ChainModule> modules) {

	public ChainRun {
		modules = List.copyOf(modules);
	}

	/**
	 * How many modules came to an outcome.
	 * @param outcome the outcome
	 * @return the count
	 */
	public long count(ChainModule.Outcome outcome) {
		return this.modules.stream().filter((module) -> module.outcome() == outcome).count();
	}

	/**
	 * Whether a module failed. Skipped modules do not count: a refused or absent module
	 * is a decision, not a failure.
	 * @return true when at least one module failed
	 */
	public boolean failed() {
		return count(ChainModule.Outcome.FAILED) > 0;
	}

	/**
	 * The run in one line, naming the failed modules.
	 * @return the line
	 */
	public String summary() {
		List<String> failed = this.modules.stream()
			.filter((module) -> module.outcome() == ChainModule.Outcome.FAILED)
			.map(ChainModule::job)
			.toList();
		return "chain " + this.id + ((this.tradeDate != null) ? " for " + this.tradeDate : "") + ": "
				+ count(ChainModule.Outcome.COMPLETED) + " completed, " + failed.size() + " failed"
				+ (failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")") + ", "
				+ count(ChainModule.Outcome.SKIPPED) + " skipped";
	}

}
