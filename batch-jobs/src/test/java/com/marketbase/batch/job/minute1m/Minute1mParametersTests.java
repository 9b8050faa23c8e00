package com.marketbase.batch.job.minute1m;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.JobParameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Minute1mParametersTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

	@Test
	void namesTheJobInstanceByDaysScopeAndSource() {
		JobParameters byTradeDate = parse(Map.of("trade_date", "2026-11-20", "exchange", "sz")).toJobParameters();
		JobParameters byRange = parse(Map.of("start_date", "20261120", "end_date", "2026-11-20", "exchange", "SZ"))
			.toJobParameters();

		assertThat(byTradeDate).isEqualTo(byRange);
		assertThat(byTradeDate.getString("scope")).isEqualTo("exchange:SZ");
		assertThat(Minute1mParameters.of(byTradeDate).exchange()).isEqualTo("SZ");
	}

	@Test
	void sortsAndChecksSymbols() {
		Minute1mParameters parameters = parse(Map.of("symbols", "600000.sh, 000001.SZ"));

		assertThat(parameters.symbols()).containsExactly("000001.SZ", "600000.SH");
		assertThat(Minute1mParameters.of(parameters.toJobParameters()).symbols()).containsExactly("000001.SZ",
				"600000.SH");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("symbols", "600000,ABC.SH")))
			.withMessageContaining("600000, ABC.SH");
	}

	@Test
	void addsTheLaunchTimeOnlyWhenForced() {
		assertThat(parse(Map.of()).toJobParameters().getLocalDateTime("forced_at")).isNull();
		assertThat(parse(Map.of("force", "true")).toJobParameters().getLocalDateTime("forced_at")).isNotNull();
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("force", "yes")))
			.withMessage("force is true or false, not 'yes'.");
	}

	@Test
	void loadsInFullUnlessAskedToHealAndNamesOnlyTheIncrementalMode() {
		JobParameters full = parse(Map.of("trade_date", "2026-11-20")).toJobParameters();
		JobParameters incremental = parse(Map.of("trade_date", "2026-11-20", "mode", "Incremental")).toJobParameters();

		assertThat(full.getString("mode")).isNull();
		assertThat(Minute1mParameters.of(full).incremental()).isFalse();
		assertThat(incremental.getString("mode")).isEqualTo("incremental");
		assertThat(Minute1mParameters.of(incremental).incremental()).isTrue();
		assertThat(parse(Map.of("mode", "full")).toJobParameters()).isEqualTo(parse(Map.of()).toJobParameters());
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("mode", "heal")))
			.withMessage("mode is incremental or full, not 'heal'.");
	}

	@Test
	void refusesWhatIsUnknownMalformedOrContradictory() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("date", "2026-11-20")))
			.withMessage(
					"Unknown parameter 'date' for minute_1m; allowed: allow-mixed-sources, end_date, exchange, force, intraday, mode, "
							+ "source, start_date, symbols, trade_date, workers.");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("trade_date", "2026-13-01")))
			.withMessage("trade_date '2026-13-01' is not a date; use YYYY-MM-DD, for example 2026-11-20.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse(Map.of("trade_date", "2026-11-20", "start_date", "2026-11-19")))
			.withMessage("Give either trade_date or start_date/end_date, not both.");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("start_date", "2026-11-19")))
			.withMessage("start_date and end_date go together; for one day use trade_date.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse(Map.of("start_date", "2026-11-20", "end_date", "2026-11-19")))
			.withMessage("start_date 2026-11-20 is after end_date 2026-11-19.");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("symbols", "600000.SH", "exchange", "SH")))
			.withMessage("Give either symbols or exchange, not both.");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("exchange", "HK")))
			.withMessage("Unknown exchange 'HK'; use SH, SZ or BJ.");
	}

	private static Minute1mParameters parse(Map<String, String> given) {
		return Minute1mParameters.parse(given, TODAY, "sandbox");
	}

}
