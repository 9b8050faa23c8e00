package com.marketbase.batch.sandbox;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * China's and the United States' macro series as Tushare serves them, with the economic
 * calendar ({@code eco_cal}) that dates their releases:
 * <ul>
 * <li>a month's CPI and PPI come out on the 9th to the 15th of the next month, money
 * supply on the 11th to the 14th, a quarter's GDP on the 15th to the 19th of the next
 * month; a figure is served only once it is out by the sandbox's today;</li>
 * <li>a quarter's GDP is revised once the next quarter's comes out (preliminary, then
 * final), so a later load finds another value for the same quarter;</li>
 * <li>the economic calendar misses some releases (every fifth month's CPI, every third
 * quarter's GDP), as its coverage of Chinese releases is not complete;</li>
 * <li>Shibor is quoted on the exchange's open days, the loan prime rate on the 20th (or
 * the next open day), US Treasury yields on weekdays.</li>
 * </ul>
 * Periods are labelled as the real endpoints label them: {@code 2024Q1}, {@code 202403},
 * {@code 20240315}.
 */
final class TushareMacroAnswers {

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	/** The columns of each endpoint, in the server's order. */
	static final Map<String, List<String>> COLUMNS = Map.of("cn_gdp",
			List.of("quarter", "gdp", "gdp_yoy", "pi", "pi_yoy", "si", "si_yoy", "ti", "ti_yoy"), "cn_cpi",
			List.of("month", "nt_val", "nt_yoy", "nt_mom", "nt_accu", "town_val", "town_yoy", "town_mom", "town_accu",
					"cnt_val", "cnt_yoy", "cnt_mom", "cnt_accu"),
			"cn_ppi", List.of("month", "ppi_yoy", "ppi_mp_yoy", "ppi_cg_yoy", "ppi_mom", "ppi_accu"), "cn_m",
			List.of("month", "m0", "m0_yoy", "m0_mom", "m1", "m1_yoy", "m1_mom", "m2", "m2_yoy", "m2_mom"), "shibor",
			List.of("date", "on", "1w", "2w", "1m", "3m", "6m", "9m", "1y"), "shibor_lpr", List.of("date", "1y", "5y"),
			"us_tycr", List.of("date", "m1", "m2", "m3", "m4", "m6", "y1", "y2", "y3", "y5", "y7", "y10", "y20", "y30"),
			"eco_cal", List.of("date", "time", "currency", "country", "event", "value", "pre_value", "fore_value"));

	/** The per-call row caps, as documented. */
	static final Map<String, Integer> CAPS = Map.of("cn_gdp", 10000, "cn_cpi", 5000, "cn_ppi", 5000, "cn_m", 5000,
			"shibor", 2000, "shibor_lpr", 4000, "us_tycr", 2000, "eco_cal", 100);

	private static final LocalDate FIRST = LocalDate.of(2006, 10, 1);

	private final SandboxSettings settings;

	TushareMacroAnswers(SandboxSettings settings) {
		this.settings = settings;
	}

	/**
	 * The rows of one endpoint, newest first, for the periods its parameters name.
	 * @param api the endpoint
	 * @param start the first day the parameters name, or {@code null}
	 * @param end the last day they name, or {@code null}
	 * @param currency the currency of an {@code eco_cal} question, or {@code null}
	 * @param event a word of its event, or {@code null}
	 * @return the rows
	 */
	List<Map<String, Object>> rows(String api, LocalDate start, LocalDate end, String currency, String event) {
		LocalDate from = (start != null && start.isAfter(FIRST)) ? start : FIRST;
		LocalDate to = (end != null && end.isBefore(this.settings.today())) ? end : this.settings.today();
		List<Map<String, Object>> rows = new ArrayList<>();
		if (api.equals("eco_cal")) {
			for (Map<String, Object> release : releases(from, to)) {
				if ((currency == null || currency.equals(release.get("currency")))
						&& (event == null || ((String) release.get("event")).contains(event))) {
					rows.add(release);
				}
			}
			java.util.Collections.reverse(rows);
			return rows;
		}
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			Map<String, Object> row = row(api, day);
			if (row != null) {
				rows.add(row);
			}
		}
		java.util.Collections.reverse(rows);
		return rows;
	}

	/** The row of an endpoint for the period ending on a day, if it has one out. */
	private Map<String, Object> row(String api, LocalDate day) {
		boolean monthEnd = day.equals(day.with(TemporalAdjusters.lastDayOfMonth()));
		int n = (int) (day.toEpochDay() % 997);
		Map<String, Object> row = new LinkedHashMap<>();
		switch (api) {
			case "cn_gdp" -> {
				if (!monthEnd || day.getMonthValue() % 3 != 0 || gdpRelease(day).isAfter(this.settings.today())) {
					return null;
				}
				// Preliminary until the next quarter's release, then final.
				LocalDate next = day.plusMonths(3).with(TemporalAdjusters.lastDayOfMonth());
				double revision = gdpRelease(next).isAfter(this.settings.today()) ? 1.0 : 1.003;
				double gdp = round((250_000 + n * 300.0) * (day.getMonthValue() / 3) * revision, 1);
				row.put("quarter", day.getYear() + "Q" + (day.getMonthValue() / 3));
				row.put("gdp", gdp);
				row.put("gdp_yoy", round(4.5 + (n % 30) / 10.0 + (revision - 1) * 100, 1));
				row.put("pi", round(gdp * 0.07, 1));
				row.put("pi_yoy", round(3.0 + (n % 20) / 10.0, 1));
				row.put("si", round(gdp * 0.38, 1));
				row.put("si_yoy", round(4.0 + (n % 25) / 10.0, 1));
				row.put("ti", round(gdp * 0.55, 1));
				row.put("ti_yoy", round(5.0 + (n % 15) / 10.0, 1));
			}
			case "cn_cpi", "cn_ppi", "cn_m" -> {
				if (!monthEnd || monthlyRelease(api, day).isAfter(this.settings.today())) {
					return null;
				}
				row.put("month", String.format("%d%02d", day.getYear(), day.getMonthValue()));
				if (api.equals("cn_cpi")) {
					double yoy = round((n % 40) / 10.0 - 1.0, 1);
					for (String area : List.of("nt", "town", "cnt")) {
						row.put(area + "_val", round(100 + yoy, 1));
						row.put(area + "_yoy", yoy);
						row.put(area + "_mom", round((n % 11) / 10.0 - 0.5, 1));
						row.put(area + "_accu", round(yoy * 0.9, 1));
					}
				}
				else if (api.equals("cn_ppi")) {
					row.put("ppi_yoy", round((n % 60) / 10.0 - 3.0, 1));
					row.put("ppi_mp_yoy", round((n % 70) / 10.0 - 3.5, 1));
					row.put("ppi_cg_yoy", round((n % 20) / 10.0 - 1.0, 1));
					row.put("ppi_mom", round((n % 9) / 10.0 - 0.4, 1));
					row.put("ppi_accu", round((n % 50) / 10.0 - 2.5, 1));
				}
				else {
					double m2 = 2_000_000 + n * 1_000.0;
					row.put("m0", round(m2 * 0.04, 2));
					row.put("m0_yoy", round(5 + (n % 30) / 10.0, 1));
					row.put("m0_mom", round((n % 20) / 10.0 - 1, 1));
					row.put("m1", round(m2 * 0.3, 2));
					row.put("m1_yoy", round(2 + (n % 40) / 10.0, 1));
					row.put("m1_mom", round((n % 20) / 10.0 - 1, 1));
					row.put("m2", round(m2, 2));
					row.put("m2_yoy", round(7 + (n % 30) / 10.0, 1));
					row.put("m2_mom", round((n % 20) / 10.0 - 0.5, 1));
				}
			}
			case "shibor" -> {
				if (!TradingCalendar.isOpen(day)) {
					return null;
				}
				row.put("date", DATE.format(day));
				String[] tenors = { "on", "1w", "2w", "1m", "3m", "6m", "9m", "1y" };
				for (int i = 0; i < tenors.length; i++) {
					row.put(tenors[i], round(1.2 + i * 0.12 + (n % 50) / 100.0, 4));
				}
			}
			case "shibor_lpr" -> {
				if (!day.equals(lprDay(day))) {
					return null;
				}
				row.put("date", DATE.format(day));
				row.put("1y", round(3.1 + (n % 10) / 20.0, 2));
				row.put("5y", round(3.6 + (n % 10) / 20.0, 2));
			}
			case "us_tycr" -> {
				if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
					return null;
				}
				row.put("date", DATE.format(day));
				String[] tenors = { "m1", "m2", "m3", "m4", "m6", "y1", "y2", "y3", "y5", "y7", "y10", "y20", "y30" };
				for (int i = 0; i < tenors.length; i++) {
					row.put(tenors[i], round(3.8 + i * 0.05 + (n % 40) / 100.0, 2));
				}
			}
			default -> {
				return null;
			}
		}
		return row;
	}

	/** The calendar's releases between two days, with some missing. */
	private List<Map<String, Object>> releases(LocalDate from, LocalDate to) {
		List<Map<String, Object>> releases = new ArrayList<>();
		for (LocalDate month = from.withDayOfMonth(1).minusMonths(4); !month.isAfter(to); month = month.plusMonths(1)) {
			LocalDate end = month.with(TemporalAdjusters.lastDayOfMonth());
			int m = end.getMonthValue();
			if (end.getMonthValue() % 5 != 0) {
				releases.add(release(monthlyRelease("cn_cpi", end), "中国" + m + "月CPI年率"));
			}
			releases.add(release(monthlyRelease("cn_ppi", end), "中国" + m + "月PPI年率"));
			releases.add(release(monthlyRelease("cn_m", end), "中国" + m + "月M2货币供应年率"));
			if (m % 3 == 0 && (end.getYear() * 4 + m / 3) % 3 != 0) {
				releases.add(release(gdpRelease(end), "中国第" + (m / 3) + "季度GDP年率"));
			}
		}
		releases.removeIf((release) -> {
			LocalDate day = LocalDate.parse((String) release.get("date"), DATE);
			return day.isBefore(from) || day.isAfter(to);
		});
		releases.sort((a, b) -> ((String) a.get("date")).compareTo((String) b.get("date")));
		return releases;
	}

	private static Map<String, Object> release(LocalDate day, String event) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("date", DATE.format(day));
		row.put("time", "09:30");
		row.put("currency", "CNY");
		row.put("country", "中国");
		row.put("event", event);
		row.put("value", null);
		row.put("pre_value", null);
		row.put("fore_value", null);
		return row;
	}

	/** When a month's figure of a monthly series comes out. */
	static LocalDate monthlyRelease(String api, LocalDate monthEnd) {
		int spread = (int) Math.floorMod(monthEnd.toEpochDay(), 7);
		int day = api.equals("cn_m") ? 11 + spread % 4 : 9 + spread;
		return monthEnd.plusDays(day);
	}

	/** When a quarter's GDP comes out. */
	static LocalDate gdpRelease(LocalDate quarterEnd) {
		return quarterEnd.plusDays(15 + Math.floorMod(quarterEnd.toEpochDay(), 5));
	}

	private static LocalDate lprDay(LocalDate day) {
		LocalDate twentieth = day.withDayOfMonth(20);
		while (!TradingCalendar.isOpen(twentieth)) {
			twentieth = twentieth.plusDays(1);
		}
		return twentieth;
	}

	private static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

}
