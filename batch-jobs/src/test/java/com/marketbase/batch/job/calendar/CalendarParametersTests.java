package com.marketbase.batch.job.calendar;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.JobParameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CalendarParametersTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

	@Test
	void defaultsToTheSseCalendarOfTheCurrentYear() {
		CalendarParameters parameters = parse(Map.of());

		assertThat(parameters.startDate()).isEqualTo(LocalDate.of(2026, 1, 1));
		assertThat(parameters.endDate()).isEqualTo(LocalDate.of(2026, 12, 31));
		assertThat(parameters.exchanges()).containsExactly("SSE");
		assertThat(parameters.source()).isEqualTo("sandbox");
		assertThat(parameters.forcedAt()).isNull();
	}

	@Test
	void namesTheJobInstanceByWindowExchangesAndSource() {
		JobParameters typed = parse(Map.of("start_date", "20240101", "end_date", "2026-12-31", "exchanges", "szse, sse",
				"source", "TUSHARE"))
			.toJobParameters();

		assertThat(typed).isEqualTo(parse(Map.of("start_date", "2024-01-01", "end_date", "20261231", "exchanges",
				"SSE,SZSE", "source", "tushare"))
			.toJobParameters());
		assertThat(typed.getString("exchanges")).isEqualTo("SSE,SZSE");
		assertThat(CalendarParameters.of(typed)).isEqualTo(parse(Map.of("start_date", "2024-01-01", "end_date",
				"2026-12-31", "exchanges", "SSE,SZSE", "source", "tushare")));
		assertThat(parse(Map.of("force", "true")).toJobParameters().getLocalDateTime("forced_at")).isNotNull();
	}

	@Test
	void refusesBadParametersWithOneClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("day", "2026-01-05")))
			.withMessage(
					"Unknown parameter 'day' for calendar; allowed: allow-mixed-sources, end_date, exchanges, force, "
							+ "source, start_date, trade_date.");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("trade_date", "2026-13-01")))
			.withMessage("trade_date '2026-13-01' is not a date; use YYYY-MM-DD, for example 2026-11-20.");
		assertThatIllegalArgumentException().isThrownBy(
				() -> parse(Map.of("trade_date", "2026-05-01", "start_date", "2025-01-01", "end_date", "2025-12-31")))
			.withMessage("trade_date 2026-05-01 is outside the window 2025-01-01 to 2025-12-31.");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("exchanges", "SSE,CFFEX", "source", "tdx")))
			.withMessage("The TDX gateway has the A-share calendar only; with source tdx use SSE and/or SZSE.");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("start_date", "2026-02-30")))
			.withMessage("start_date '2026-02-30' is not a date; use YYYY-MM-DD, for example 2026-11-20.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse(Map.of("start_date", "2026-03-01", "end_date", "2026-02-01")))
			.withMessage("start_date 2026-03-01 is after end_date 2026-02-01.");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("exchanges", "SSE,NYSE")))
			.withMessage("Unknown exchange 'NYSE' in exchanges; use SSE, SZSE, CFFEX, SHFE, CZCE, DCE or INE, "
					+ "for example SSE,SZSE.");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(Map.of("force", "yes")))
			.withMessage("force is true or false, not 'yes'.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse(Map.of("start_date", "1900-01-01", "end_date", "2026-01-01")))
			.withMessageStartingWith(
					"start_date 1900-01-01 is outside the days Marketbase knows; give a day from " + "1990-01-01 to ");
	}

	@Test
	void aTradeDateNamesItsOwnInstanceAndDefaultsTheWindowToItsYear() {
		CalendarParameters scheduled = parse(Map.of("trade_date", "20250603", "exchanges", "shfe,SSE,cffex"));

		assertThat(scheduled.startDate()).isEqualTo(LocalDate.of(2025, 1, 1));
		assertThat(scheduled.endDate()).isEqualTo(LocalDate.of(2025, 12, 31));
		assertThat(scheduled.exchanges()).containsExactly("CFFEX", "SHFE", "SSE");
		JobParameters identifying = scheduled.toJobParameters();
		assertThat(identifying.getLocalDate("trade_date")).isEqualTo(LocalDate.of(2025, 6, 3));
		assertThat(CalendarParameters.of(identifying)).isEqualTo(scheduled);
		assertThat(identifying.toString()).isNotEqualTo(
				parse(Map.of("trade_date", "2025-06-04", "exchanges", "CFFEX,SHFE,SSE")).toJobParameters().toString());
		assertThat(parse(Map.of()).toJobParameters().getLocalDate("trade_date")).isNull();
	}

	private static CalendarParameters parse(Map<String, String> given) {
		return CalendarParameters.parse(given, TODAY, given.getOrDefault("source", "sandbox").toLowerCase(Locale.ROOT));
	}

}
