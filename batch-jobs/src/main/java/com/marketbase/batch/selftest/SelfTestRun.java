package com.marketbase.batch.selftest;

import java.time.Instant;
import java.util.List;

/**
 * One run of the self-test.
 *
 * @param id its id in {@code market.selftest_runs}
 * @param trigger what started it: {@code cli}, {@code console} or {@code schedule}
 * @param sources the sources asked, comma-separated keys
 * @param startedAt when it started
 * @param finishedAt when it finished
 * @param results every endpoint's answer, in the order asked
 */
public record SelfTestRun(long id, String trigger, String sources, Instant startedAt, Instant finishedAt,
		List<SelfTestResult> results) {

	public SelfTestRun {
		results = List.copyOf(results);
	}

	public long failed() {
		return this.results.stream().filter(SelfTestResult::failed).count();
	}

}
