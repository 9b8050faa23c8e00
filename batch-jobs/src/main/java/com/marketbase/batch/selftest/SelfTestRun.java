package com.marketbase.batch.selftest;

import java.util.List;

/**
 * One run of the self-test.
 *
 * @param id its id in {@code market.selftest_runs}
 * @param sources the sources asked, comma-separated keys
 * @param results every endpoint's answer, in the order asked
 */
public record SelfTestRun(long id, String sources, List<SelfTestResult> results) {

	public SelfTestRun {
		results = List.copyOf(results);
	}

	public long failed() {
		return this.results.stream().filter(SelfTestResult::failed).count();
	}

}
