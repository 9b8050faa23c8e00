package com.marketbase.batch.chain;

import java.time.LocalDate;
import java.util.List;

import com.marketbase.batch.chain.ChainModule.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChainRunTests {

	@Test
	void namesTheFailedModulesAndCountsSkippedOnesApart() {
		ChainRun run = new ChainRun(7, LocalDate.of(2026, 11, 20),
				List.of(new ChainModule("daily", Outcome.COMPLETED, 41L, "source: tushare"),
						new ChainModule("index_daily", Outcome.FAILED, 42L,
								"Tushare Pro refused index_daily; restart=42"),
						new ChainModule("fut_daily", Outcome.SKIPPED, null, "no such job")));

		assertThat(run.failed()).isTrue();
		assertThat(run.summary()).isEqualTo("chain 7 for 2026-11-20: 1 completed, 1 failed (index_daily), 1 skipped");
		assertThat(run.modules()).extracting(ChainModule::line)
			.containsExactly("daily: COMPLETED (execution 41): source: tushare",
					"index_daily: FAILED (execution 42): Tushare Pro refused index_daily; restart=42",
					"fut_daily: skipped: no such job");
	}

	@Test
	void aRunWithOnlySkippedModulesHasNotFailed() {
		ChainRun run = new ChainRun(8, null,
				List.of(new ChainModule("fx_daily", Outcome.SKIPPED, null, "fx_daily is switched off")));

		assertThat(run.failed()).isFalse();
		assertThat(run.summary()).isEqualTo("chain 8: 0 completed, 0 failed, 1 skipped");
	}

}
