package com.marketbase.batch.job.dailybars;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.marketbase.batch.support.launch.LaunchInput;
import com.marketbase.batch.support.pipeline.DatasetParameters;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.JobParameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a daily-bar launch accepts, and the one sentence it answers otherwise.
 */
class DailyParametersTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

	private static final DailyBars DAILY = new DailyBars(DailyDataset.DAILY, null);

	private static final DailyBars INDEX_DAILY = new DailyBars(DailyDataset.INDEX_DAILY, null);

	@Test
	void aTradeDateIsOneIdentifyingDayOfAllInstrumentsIncrementally() {
		DatasetParameters read = parse(DAILY, Map.of("trade_date", "20261119"), "sandbox");

		assertThat(read.startDate()).isEqualTo(LocalDate.of(2026, 11, 19)).isEqualTo(read.endDate());
		assertThat(read.incremental()).isTrue();
		JobParameters parameters = read.toJobParameters();
		assertThat(parameters.getString("scope")).isEqualTo("all");
		assertThat(parameters.getString("mode")).isEqualTo("incremental");
		assertThat(parameters.getString("source")).isEqualTo("sandbox");
		assertThat(DatasetParameters.of("daily", parameters)).isEqualTo(read);
	}

	@Test
	void readsAWindowSymbolsAndFullMode() {
		DatasetParameters read = parse(INDEX_DAILY, Map.of("start_date", "2026-11-02", "end_date", "2026-11-20",
				"symbols", "399001.sz, 000300.SH", "source", "TDX", "mode", "full"), "tdx");

		assertThat(read.symbols()).containsExactly("000300.SH", "399001.SZ");
		assertThat(read.source()).isEqualTo("tdx");
		assertThat(read.incremental()).isFalse();
		assertThat(DatasetParameters.of("index_daily", read.toJobParameters()).symbols())
			.isEqualTo(List.of("000300.SH", "399001.SZ"));
	}

	@Test
	void refusesWithOneSentence() {
		assertRefused(Map.of("day", "2026-11-20"),
				"Unknown parameter 'day' for daily; allowed: allow-mixed-sources, end_date, force, mode, source, "
						+ "start_date, symbols, trade_date, workers.");
		assertRefused(Map.of("trade_date", "2026-11-31"),
				"trade_date '2026-11-31' is not a date; use YYYY-MM-DD, for example 2026-11-20.");
		assertRefused(Map.of("start_date", "2026-11-20"),
				"start_date and end_date go together; for one day use trade_date.");
		assertRefused(Map.of("mode", "partial"), "mode is incremental or full, not 'partial'.");
		assertRefused(Map.of("symbols", "600000"),
				"Not A-share codes in Tushare form (like 600000.SH, 000001.SZ, 920118.BJ): 600000.");
	}

	private static DatasetParameters parse(DailyBars dataset, Map<String, String> given, String source) {
		return DatasetParameters.parse(dataset, new LaunchInput(dataset.name(), given, DatasetParameters.NAMES), TODAY,
				source);
	}

	private static void assertRefused(Map<String, String> given, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> parse(DAILY, given, "sandbox")).withMessage(message);
	}

}
