package com.marketbase.batch.sandbox;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Periodic reports of the synthetic stocks: Tushare's {@code fina_indicator} (one stock a
 * call, 100 rows a call) and the disclosure calendar {@code disclosure_date}, with the
 * real server's quirks, so that a client is tested against them:
 * <ul>
 * <li>a report comes out some weeks after its period ends (an annual one months after),
 * and nothing announced after the sandbox's today is served;</li>
 * <li>some periods are restated later: the original row keeps {@code update_flag} 0 and
 * the restated row, with its own announcement date and other values, carries 1;</li>
 * <li>some stocks carry the same flag on every row, 1 (waditu/tushare#1550) or 0;</li>
 * <li>some rows come twice, identical (#737, #1337);</li>
 * <li>now and then a half-year row comes twice, once stamped months before its own period
 * ends (#1917), with the figures of the real announcement.</li>
 * </ul>
 * The disclosure calendar lists, per stock and period, the latest announcement date and
 * the actual disclosure date once the report is out.
 */
final class TushareReportAnswers {

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final LocalDate FIRST_PERIOD = LocalDate.of(2010, 3, 31);

	/** The indicators the sandbox computes; the other columns are sent empty. */
	private static final List<String> DEFAULTS = List.of("ts_code", "ann_date", "end_date", "eps", "dt_eps",
			"total_revenue_ps", "revenue_ps", "capital_rese_ps", "surplus_rese_ps", "undist_profit_ps", "extra_item",
			"profit_dedt", "gross_margin", "current_ratio", "quick_ratio", "cash_ratio", "ar_turn", "ca_turn",
			"fa_turn", "assets_turn", "op_income", "ebit", "ebitda", "fcff", "fcfe", "current_exint",
			"noncurrent_exint", "interestdebt", "netdebt", "tangible_asset", "working_capital", "networking_capital",
			"invest_capital", "retained_earnings", "diluted2_eps", "bps", "ocfps", "retainedps", "cfps", "ebit_ps",
			"fcff_ps", "fcfe_ps", "netprofit_margin", "grossprofit_margin", "cogs_of_sales", "expense_of_sales",
			"profit_to_gr", "saleexp_to_gr", "adminexp_of_gr", "finaexp_of_gr", "impai_ttm", "gc_of_gr", "op_of_gr",
			"ebit_of_gr", "roe", "roe_waa", "roe_dt", "roa", "npta", "roic", "roe_yearly", "roa2_yearly",
			"debt_to_assets", "assets_to_eqt", "dp_assets_to_eqt", "ca_to_assets", "nca_to_assets",
			"tbassets_to_totalassets", "int_to_talcap", "eqt_to_talcapital", "currentdebt_to_debt", "longdeb_to_debt",
			"ocf_to_shortdebt", "debt_to_eqt", "eqt_to_debt", "eqt_to_interestdebt", "tangibleasset_to_debt",
			"tangasset_to_intdebt", "tangibleasset_to_netdebt", "ocf_to_debt", "turn_days", "roa_yearly", "roa_dp",
			"fixed_assets", "profit_to_op", "q_saleexp_to_gr", "q_gc_to_gr", "q_roe", "q_dt_roe", "q_npta",
			"q_ocf_to_sales", "basic_eps_yoy", "dt_eps_yoy", "cfps_yoy", "op_yoy", "ebt_yoy", "netprofit_yoy",
			"dt_netprofit_yoy", "ocf_yoy", "roe_yoy", "bps_yoy", "assets_yoy", "eqt_yoy", "tr_yoy", "or_yoy",
			"q_sales_yoy", "q_op_qoq", "equity_yoy");

	/** The columns of each endpoint, in the server's order. */
	static final Map<String, List<String>> COLUMNS = Map.of("fina_indicator", finaColumns(), "disclosure_date",
			List.of("ts_code", "ann_date", "end_date", "pre_date", "actual_date", "modify_date"));

	/** Columns sent when {@code fields} is empty: update_flag only on request. */
	static final Map<String, Integer> DEFAULT_COLUMN_COUNT = Map.of("fina_indicator", DEFAULTS.size());

	/** The per-call row caps, as documented. */
	static final Map<String, Integer> CAPS = Map.of("fina_indicator", 100, "disclosure_date", 3000);

	private final SandboxSettings settings;

	private final Universe universe;

	TushareReportAnswers(SandboxSettings settings, Universe universe) {
		this.settings = settings;
		this.universe = universe;
	}

	/**
	 * The {@code fina_indicator} rows of one stock, newest period first and, within a
	 * period, newest announcement first, filtered as the server filters: {@code period}
	 * exactly, {@code start_date}/{@code end_date} on the period's end, {@code ann_date}
	 * exactly.
	 * @param symbol the stock ({@code ts_code}, which the endpoint requires)
	 * @param period the period, or {@code null}
	 * @param from the first period end, or {@code null}
	 * @param to the last period end, or {@code null}
	 * @param announced the announcement day, or {@code null}
	 * @return the rows
	 */
	List<Map<String, Object>> finaIndicator(String symbol, LocalDate period, LocalDate from, LocalDate to,
			LocalDate announced) {
		if (symbol.isEmpty()) {
			// The real server names the missing parameter the same way.
			throw new IllegalArgumentException("必填参数ts_code不能为空");
		}
		SimulatedInstrument stock = this.universe.find(symbol);
		if (stock == null || stock.kind() != InstrumentKind.STOCK) {
			return List.of();
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Report report : reports(stock)) {
			if ((period != null && !report.period().equals(period)) || (from != null && report.period().isBefore(from))
					|| (to != null && report.period().isAfter(to))
					|| (announced != null && !report.announced().equals(announced))) {
				continue;
			}
			rows.add(row(stock, report));
			if (report.twice()) {
				rows.add(row(stock, report));
			}
		}
		return rows;
	}

	/**
	 * The disclosure calendar of one period (or of one stock), as the real one reads:
	 * each stock's report of a period that has ended, with the day the schedule was
	 * announced ({@code ann_date}), the planned day ({@code pre_date}) and, once the
	 * report is out, the actual day ({@code actual_date}; empty before). A restatement is
	 * not listed.
	 * @param symbol the stock, or {@code null} for every stock
	 * @param period the period, or {@code null} for every period
	 * @return the rows, by stock
	 */
	List<Map<String, Object>> disclosureDate(String symbol, LocalDate period) {
		SimulatedInstrument one = (symbol != null) ? this.universe.find(symbol) : null;
		if (symbol != null && (one == null || one.kind() != InstrumentKind.STOCK)) {
			return List.of();
		}
		List<SimulatedInstrument> stocks = (one != null) ? List.of(one)
				: this.universe.of(InstrumentKind.STOCK)
					.stream()
					.sorted(Comparator.comparing(SimulatedInstrument::symbol))
					.toList();
		List<Map<String, Object>> rows = new ArrayList<>();
		for (SimulatedInstrument stock : stocks) {
			Map<LocalDate, LocalDate> firstOut = new LinkedHashMap<>();
			for (Report report : reports(stock, true)) {
				if ((period == null || report.period().equals(period)) && !report.restatement() && !report.early()) {
					firstOut.put(report.period(), report.announced());
				}
			}
			firstOut.forEach((end, planned) -> {
				if (end.isAfter(this.settings.today())) {
					return;
				}
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("ts_code", stock.symbol());
				row.put("ann_date", DATE.format(end.minusDays(10)));
				row.put("end_date", DATE.format(end));
				row.put("pre_date", DATE.format(planned));
				row.put("actual_date", planned.isAfter(this.settings.today()) ? null : DATE.format(planned));
				row.put("modify_date", null);
				rows.add(row);
			});
		}
		return rows;
	}

	/** Every report of a stock announced by the sandbox's today, as served. */
	private List<Report> reports(SimulatedInstrument stock) {
		return reports(stock, false);
	}

	/**
	 * With {@code scheduled}, also the originals due after today, which are not served.
	 */
	private List<Report> reports(SimulatedInstrument stock, boolean scheduled) {
		int seed = Math.floorMod(stock.symbol().hashCode(), 1000);
		LocalDate first = stock.listDate().withDayOfYear(1).plusMonths(2).with(TemporalAdjusters.lastDayOfMonth());
		if (first.isBefore(FIRST_PERIOD)) {
			first = FIRST_PERIOD;
		}
		String flagOfAll = (seed % 7 == 0) ? "1" : (seed % 13 == 0) ? "0" : null;
		List<Report> reports = new ArrayList<>();
		int index = 0;
		LocalDate last = (stock.lastDay() != null && stock.lastDay().isBefore(this.settings.today())) ? stock.lastDay()
				: this.settings.today();
		// A delisted company stops reporting.
		for (LocalDate period = first; !period.isAfter(last); period = nextQuarter(period), index++) {
			if (period.isAfter(this.settings.today())) {
				break;
			}
			LocalDate announced = period.plusDays(lag(period, seed));
			boolean restated = (seed + index) % 9 == 0;
			LocalDate restatedOn = announced.plusDays(40 + seed % 50);
			boolean restatementOut = restated && !restatedOn.isAfter(this.settings.today());
			if (restatementOut) {
				reports.add(new Report(period, restatedOn, (flagOfAll != null) ? flagOfAll : "1", seed, index, true,
						false, false));
			}
			String flag = (flagOfAll != null) ? flagOfAll : restatementOut ? "0" : "1";
			if (scheduled || !announced.isAfter(this.settings.today())) {
				reports.add(new Report(period, announced, flag, seed, index, false, (seed + index) % 11 == 0, false));
			}
			// Now and then a half-year row comes twice, once stamped months before its
			// own
			// period ends, with the figures of the real announcement.
			LocalDate early = period.minusDays(69);
			if (!scheduled && period.getMonthValue() == 6 && (seed + index) % 29 == 0
					&& !early.isAfter(this.settings.today())) {
				reports.add(new Report(period, early, flag, seed, index, false, false, true));
			}
		}
		reports.sort(Comparator.comparing(Report::period).thenComparing(Report::announced).reversed());
		return reports;
	}

	private static int lag(LocalDate period, int seed) {
		return switch (period.getMonthValue()) {
			case 3, 9 -> 20 + seed % 10;
			case 6 -> 45 + seed % 15;
			default -> 80 + seed % 30;
		};
	}

	private static LocalDate nextQuarter(LocalDate period) {
		return period.plusMonths(3).with(TemporalAdjusters.lastDayOfMonth());
	}

	private static Map<String, Object> row(SimulatedInstrument stock, Report report) {
		// Year-to-date figures grow through the year; a restatement revises them down.
		double quarter = report.period().getMonthValue() / 3.0;
		double revision = report.restatement() ? 0.92 : 1.0;
		double eps = round((0.05 + report.seed() / 4000.0 + (report.index() % 4) / 100.0) * quarter * revision, 4);
		double roe = round((1.5 + report.seed() / 200.0) * quarter * revision, 4);
		Map<String, Object> row = new LinkedHashMap<>();
		for (String column : COLUMNS.get("fina_indicator")) {
			row.put(column, null);
		}
		row.put("ts_code", stock.symbol());
		row.put("ann_date", DATE.format(report.announced()));
		row.put("end_date", DATE.format(report.period()));
		row.put("eps", eps);
		row.put("dt_eps", eps);
		row.put("bps", round(3 + report.seed() / 150.0 + report.index() * 0.05, 4));
		row.put("roe", roe);
		row.put("roe_waa", round(roe * 1.02, 4));
		row.put("roe_dt", round(roe * 0.95, 4));
		row.put("roa", round(roe / 3, 4));
		row.put("grossprofit_margin", round(20 + report.seed() / 40.0, 4));
		row.put("netprofit_margin", round(8 + report.seed() / 100.0, 4));
		row.put("current_ratio", round(1 + report.seed() / 500.0, 4));
		row.put("debt_to_assets", round(30 + report.seed() / 30.0, 4));
		row.put("netprofit_yoy", round((report.seed() % 40) - 10 + (report.index() % 5), 4));
		row.put("or_yoy", round((report.seed() % 30) - 5 + (report.index() % 3), 4));
		row.put("q_roe", round(roe / Math.max(1, quarter), 4));
		row.put("fixed_assets", round(1.0e8 + report.seed() * 1.0e6, 2));
		row.put("invturn_days", round(60 + report.seed() % 40, 2));
		row.put("update_flag", report.flag());
		return row;
	}

	private static List<String> finaColumns() {
		List<String> columns = new ArrayList<>(DEFAULTS);
		columns.addAll(List.of("invturn_days", "arturn_days", "inv_turn", "q_eps", "rd_exp", "update_flag"));
		return List.copyOf(columns);
	}

	private static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

	/**
	 * One row of the reports as the server holds it.
	 *
	 * @param period the period's end
	 * @param announced the announcement day
	 * @param flag {@code update_flag}
	 * @param seed the stock's seed
	 * @param index the period's place since the first
	 * @param restatement whether this is the restated row
	 * @param twice whether the server sends this row twice
	 * @param early whether this is the copy stamped before the period ends
	 */
	private record Report(LocalDate period, LocalDate announced, String flag, int seed, int index, boolean restatement,
			boolean twice, boolean early) {
	}

}
