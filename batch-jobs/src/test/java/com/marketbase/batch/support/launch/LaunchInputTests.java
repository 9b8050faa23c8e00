package com.marketbase.batch.support.launch;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LaunchInputTests {

	private static final Set<String> NAMES = Set.of("trade_date", "start_date", "end_date", "symbols", "source", "mode",
			"force");

	private static final Pattern CODE = Pattern.compile("\\d{6}\\.(SH|SZ|BJ)");

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

	@Test
	void refusesAnUnknownNameListingTheAllowedOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LaunchInput("daily", Map.of("tradedate", "x"), NAMES))
			.withMessage("Unknown parameter 'tradedate' for daily; allowed: end_date, force, mode, source, "
					+ "start_date, symbols, trade_date.");
	}

	@Test
	void readsOneDayARangeOrTheDefault() {
		assertThat(input(Map.of("trade_date", "20261119")).days(TODAY))
			.isEqualTo(new LaunchInput.Days(LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 19)));
		assertThat(input(Map.of("start_date", "2026-11-02", "end_date", "2026-11-06")).days(TODAY))
			.isEqualTo(new LaunchInput.Days(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 6)));
		assertThat(input(Map.of()).days(TODAY)).isEqualTo(new LaunchInput.Days(TODAY, TODAY));
	}

	@Test
	void refusesContradictoryOrMalformedDays() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> input(Map.of("trade_date", "2026-11-20", "start_date", "2026-11-02")).days(TODAY))
			.withMessage("Give either trade_date or start_date/end_date, not both.");
		assertThatIllegalArgumentException().isThrownBy(() -> input(Map.of("start_date", "2026-11-02")).days(TODAY))
			.withMessage("start_date and end_date go together; for one day use trade_date.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> input(Map.of("start_date", "2026-11-06", "end_date", "2026-11-02")).days(TODAY))
			.withMessage("start_date 2026-11-06 is after end_date 2026-11-02.");
		assertThatIllegalArgumentException().isThrownBy(() -> input(Map.of("trade_date", "2026-13-01")).days(TODAY))
			.withMessage("trade_date '2026-13-01' is not a date; use YYYY-MM-DD, for example 2026-11-20.");
	}

	@Test
	void readsSymbolsUpperCasedSortedAndOnceAndNamesTheMalformedOnes() {
		assertThat(input(Map.of("symbols", " 600000.sh,000001.SZ,600000.SH ")).symbols(CODE, "codes", "use all"))
			.isEqualTo(List.of("000001.SZ", "600000.SH"));
		assertThat(input(Map.of()).symbols(CODE, "codes", "use all")).isEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> input(Map.of("symbols", "600000,000001.SZ")).symbols(CODE, "A-share codes", "use all"))
			.withMessage("Not A-share codes: 600000.");
	}

	@Test
	void readsSourceModeAndFlagsOrSaysWhatIsAllowed() {
		LaunchInput input = input(Map.of("source", "TuShare", "mode", "Full", "force", "TRUE"));
		assertThat(input.source()).isEqualTo("TuShare");
		assertThat(input(Map.of()).source()).isNull();
		assertThat(input.mode("incremental")).isEqualTo("full");
		assertThat(input.flag("force")).isTrue();
		assertThat(input(Map.of()).flag("force")).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> input(Map.of("mode", "all")).mode("full"))
			.withMessage("mode is incremental or full, not 'all'.");
		assertThatIllegalArgumentException().isThrownBy(() -> input(Map.of("force", "yes")).flag("force"))
			.withMessage("force is true or false, not 'yes'.");
	}

	private static LaunchInput input(Map<String, String> given) {
		return new LaunchInput("daily", given, NAMES);
	}

}
