package com.marketbase.batch.job.macro;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.marketbase.batch.source.Units;
import com.marketbase.batch.source.tushare.EconomicEvent;
import com.marketbase.batch.source.tushare.TushareClient;
import com.marketbase.batch.support.pipeline.DatasetFeed;
import com.marketbase.batch.support.pipeline.Fetch;
import com.marketbase.batch.support.pipeline.FetchedRows;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.support.units.SymbolDay;
import com.marketbase.batch.warehouse.MacroMonth;
import com.marketbase.batch.warehouse.MacroObservation;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.warehouse.reference.PeriodCalendar;
import com.marketbase.batch.warehouse.reference.TradingDay;

/**
 * Macro series from Tushare: one call per series and window, and one to the economic
 * calendar ({@code eco_cal}) for the release days of the monthly and quarterly ones. A
 * figure whose release the calendar lists is known from that day; one it misses is known
 * from its series' publication lag after the period, and says so. The months between two
 * quarters owe GDP nothing and are marked so.
 */
class TushareMacroFeed implements DatasetFeed<MacroMonth> {

	/** How long after its period a release is looked for on the calendar. */
	private static final int RELEASE_WINDOW_DAYS = 75;

	/** How much later the release that revises a GDP figure comes: the next quarter's. */
	private static final int REVISED_AFTER_DAYS = 92;

	private final TushareClient client;

	private final MacroRules rules;

	TushareMacroFeed(TushareClient client, MacroRules rules) {
		this.client = client;
		this.rules = rules;
	}

	@Override
	public String source() {
		return this.client.source().key();
	}

	@Override
	public String displayName() {
		return this.client.source().displayName();
	}

	@Override
	public boolean wholeDays() {
		return false;
	}

	@Override
	public int callsPerDay(int instruments) {
		return instruments * 2;
	}

	@Override
	public int callsPerRange() {
		return 2;
	}

	@Override
	public FetchedRows<MacroMonth> fetch(Fetch fetch, int openDays) {
		String series = fetch.symbol();
		LocalDate from = fetch.from().withDayOfMonth(1);
		Fetched<MacroObservation> figures = this.client.macroSeries(series, from, fetch.to());
		String event = this.rules.event(series);
		List<EconomicEvent> releases = (event != null)
				? this.client.economicCalendar(this.rules.calendarCurrency(), this.rules.calendarCountry(), event, from,
						fetch.to().plusDays(RELEASE_WINDOW_DAYS + REVISED_AFTER_DAYS))
				: List.of();
		LocalDate today = LocalDate.now(Units.BEIJING);
		Map<LocalDate, List<MacroObservation>> byMonth = new TreeMap<>();
		for (MacroObservation figure : figures.items()) {
			MacroObservation dated = dated(figure, releases, event != null, today);
			byMonth
				.computeIfAbsent(dated.periodDate().with(TemporalAdjusters.lastDayOfMonth()),
						(month) -> new ArrayList<>())
				.add(dated);
		}
		List<MacroMonth> months = new ArrayList<>();
		byMonth.forEach((month, observed) -> months.add(new MacroMonth(series, month, observed)));
		Set<SymbolDay> notOwed = new HashSet<>();
		if (series.equals("cn_gdp")) {
			for (LocalDate month = fetch.from(); !month.isAfter(fetch.to()); month = month.plusMonths(1)
				.with(TemporalAdjusters.lastDayOfMonth())) {
				if (month.getMonthValue() % 3 != 0) {
					notOwed.add(new SymbolDay(series, month));
				}
			}
		}
		return FetchedRows.of(fetch, months, notOwed, figures.rejected());
	}

	/**
	 * The figure with its available day: the calendar's release, else the lag rule. GDP
	 * is revised when the next quarter's comes out, and the source then serves only the
	 * final figure: once that release has passed, what is read now is dated from it, so
	 * that a first load of history never shows a final figure on the preliminary's day.
	 */
	private MacroObservation dated(MacroObservation figure, List<EconomicEvent> releases, boolean listed,
			LocalDate today) {
		MacroObservation released = released(figure, figure.periodDate(), releases, listed);
		if (!figure.series().equals("cn_gdp")) {
			return released;
		}
		LocalDate next = figure.periodDate().plusMonths(3).with(TemporalAdjusters.lastDayOfMonth());
		MacroObservation revised = released(figure, next, releases, listed);
		return revised.availableDate().isAfter(today) ? released : revised;
	}

	/** The figure dated from the release of the period ending on a day. */
	private MacroObservation released(MacroObservation figure, LocalDate periodEnd, List<EconomicEvent> releases,
			boolean listed) {
		if (listed) {
			Pattern names = periodName(figure.series(), periodEnd);
			for (EconomicEvent release : releases) {
				if (release.date().isAfter(periodEnd)
						&& !release.date().isAfter(periodEnd.plusDays(RELEASE_WINDOW_DAYS))
						&& names.matcher(release.event()).find()) {
					return figure.availableOn(release.date(), "calendar");
				}
			}
		}
		return figure.availableOn(periodEnd.plusDays(this.rules.lag(figure.series())), "lag_rule");
	}

	/** How a release names the figure's period: "10月" for October, "第3季度" for Q3. */
	private static Pattern periodName(String series, LocalDate periodEnd) {
		int month = periodEnd.getMonthValue();
		return series.equals("cn_gdp") ? Pattern.compile("第" + (month / 3) + "季度")
				: Pattern.compile("(^|[^0-9])" + month + "月");
	}

	@Override
	public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		return PeriodCalendar.days(exchange, start, end);
	}

	@Override
	public List<Listing> instruments() {
		return List.of();
	}

}
