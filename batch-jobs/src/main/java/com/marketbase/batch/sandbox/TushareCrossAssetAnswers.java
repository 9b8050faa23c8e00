package com.marketbase.batch.sandbox;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * The rows of Tushare's cross-asset daily endpoints: {@code fut_daily},
 * {@code fut_mapping}, {@code sge_daily} and {@code fx_daily}, in the server's column
 * order and units (futures amounts in 10,000 CNY, SGE volume in kg and amount in CNY, FX
 * by GMT date with bid and ask). The {@link TushareSimulator} wraps them in its envelope,
 * quotas and paging.
 */
final class TushareCrossAssetAnswers {

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	/** The columns of each endpoint, in the server's order. */
	static final Map<String, List<String>> COLUMNS = Map.of("fut_daily",
			List.of("ts_code", "trade_date", "pre_close", "pre_settle", "open", "high", "low", "close", "settle",
					"change1", "change2", "vol", "amount", "oi", "oi_chg", "delv_settle"),
			"fut_mapping", List.of("ts_code", "trade_date", "mapping_ts_code"), "sge_daily",
			List.of("ts_code", "trade_date", "close", "open", "high", "low", "price_avg", "change", "pct_change", "vol",
					"amount", "oi", "settle_vol", "settle_dire"),
			"fx_daily", List.of("ts_code", "trade_date", "bid_open", "bid_close", "bid_high", "bid_low", "ask_open",
					"ask_close", "ask_high", "ask_low", "tick_qty", "exchange"));

	/**
	 * Columns sent when {@code fields} is empty: {@code fut_daily}'s {@code delv_settle}
	 * and {@code fx_daily}'s {@code exchange} only on request, as documented.
	 */
	static final Map<String, Integer> DEFAULT_COLUMN_COUNT = Map.of("fut_daily", 15, "fx_daily", 11);

	/** The per-call row caps, as documented. */
	static final Map<String, Integer> CAPS = Map.of("fut_daily", 2000, "fut_mapping", 2000, "sge_daily", 2000,
			"fx_daily", 1000);

	/** A contract stops being the main one this many days before its last trading day. */
	private static final int ROLL_DAYS = 7;

	private final SandboxSettings settings;

	private final Universe universe;

	private final SyntheticMarket market;

	TushareCrossAssetAnswers(SandboxSettings settings, Universe universe, SyntheticMarket market) {
		this.settings = settings;
		this.universe = universe;
		this.market = market;
	}

	List<Map<String, Object>> rows(String api, JsonNode params, List<LocalDate> openDays) {
		return switch (api) {
			case "fut_daily" -> futures(params, openDays);
			case "fut_mapping" -> mappings(params, openDays);
			case "sge_daily" -> spot(params, openDays);
			case "fx_daily" -> fx(params);
			default -> List.of();
		};
	}

	/** Whether a contract trades on a day: from its listing to its last trading day. */
	private static boolean trades(SimulatedInstrument contract, LocalDate day) {
		return !day.isBefore(contract.listDate())
				&& !day.isAfter(Universe.expiry(contract.symbol(), contract.exchange()));
	}

	private List<SimulatedInstrument> selected(JsonNode params, InstrumentKind kind) {
		String code = text(params, "ts_code");
		String exchange = text(params, "exchange");
		List<SimulatedInstrument> found = new ArrayList<>();
		for (SimulatedInstrument instrument : this.universe.of(kind)) {
			if ((code.isEmpty() || List.of(code.split(",")).contains(instrument.symbol()))
					&& (exchange.isEmpty() || exchange.equals(instrument.exchange()))) {
				found.add(instrument);
			}
		}
		found.sort(Comparator.comparing(SimulatedInstrument::symbol));
		return found;
	}

	private List<Map<String, Object>> futures(JsonNode params, List<LocalDate> days) {
		List<SimulatedInstrument> contracts = selected(params, InstrumentKind.FUTURE);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int d = days.size() - 1; d >= 0; d--) {
			LocalDate day = days.get(d);
			for (SimulatedInstrument contract : contracts) {
				SyntheticMarket.DayBar bar = trades(contract, day) ? this.market.day(contract, day) : null;
				if (bar == null) {
					continue;
				}
				long settle = settle(contract, bar);
				SyntheticMarket.DayBar before = this.market.day(contract, TradingCalendar.previousOpen(day));
				long preSettle = (before != null && trades(contract, before.date())) ? settle(contract, before)
						: bar.preClose();
				long oi = openInterest(contract, day);
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("ts_code", bar.symbol());
				row.put("trade_date", DATE.format(day));
				row.put("pre_close", cny(bar.preClose()));
				row.put("pre_settle", cny(preSettle));
				row.put("open", cny(bar.open()));
				row.put("high", cny(bar.high()));
				row.put("low", cny(bar.low()));
				row.put("close", cny(bar.close()));
				row.put("settle", cny(settle));
				row.put("change1", cny(bar.close() - preSettle));
				row.put("change2", cny(settle - preSettle));
				row.put("vol", (double) bar.lots());
				// 万元 (10,000 CNY), to four places: whole CNY.
				row.put("amount", (bar.amountLi() / 1000) / 10000.0);
				row.put("oi", (double) oi);
				row.put("oi_chg", (double) (oi - openInterest(contract, TradingCalendar.previousOpen(day))));
				boolean last = day.equals(Universe.expiry(contract.symbol(), contract.exchange()));
				row.put("delv_settle", last ? cny(settle) : null);
				rows.add(row);
			}
		}
		return rows;
	}

	/** The settlement price: the mean of high, low and close, on the contract's tick. */
	private static long settle(SimulatedInstrument contract, SyntheticMarket.DayBar bar) {
		long mean = (bar.high() + bar.low() + bar.close()) / 3;
		return Math.max(bar.low(), mean - mean % contract.tickLi());
	}

	private static long openInterest(SimulatedInstrument contract, LocalDate day) {
		long days = day.toEpochDay() - contract.listDate().toEpochDay();
		return 2000 + Math.floorMod(contract.symbol().hashCode() + days * 37, 5000) + Math.max(0, days) * 3;
	}

	/** A product's main-contract code, Tushare's form: {@code IF.CFX} for IF2412.CFX. */
	static String mainCode(SimulatedInstrument contract) {
		String code = contract.symbol();
		return code.substring(0, code.indexOf('.')).replaceAll("[0-9]", "") + code.substring(code.indexOf('.'));
	}

	/**
	 * The main contract of each product on a day: the listed contract nearest to expiry
	 * that still has {@value #ROLL_DAYS} days to run, else the last one listed.
	 */
	private Map<String, SimulatedInstrument> mainContracts(LocalDate day) {
		Map<String, List<SimulatedInstrument>> byProduct = new TreeMap<>();
		for (SimulatedInstrument contract : this.universe.of(InstrumentKind.FUTURE)) {
			if (trades(contract, day)) {
				byProduct.computeIfAbsent(mainCode(contract), (main) -> new ArrayList<>()).add(contract);
			}
		}
		Map<String, SimulatedInstrument> mains = new TreeMap<>();
		byProduct.forEach((main, listed) -> {
			listed.sort(Comparator.comparing((SimulatedInstrument c) -> Universe.expiry(c.symbol(), c.exchange())));
			SimulatedInstrument chosen = listed.get(listed.size() - 1);
			for (SimulatedInstrument contract : listed) {
				if (Universe.expiry(contract.symbol(), contract.exchange()).isAfter(day.plusDays(ROLL_DAYS))) {
					chosen = contract;
					break;
				}
			}
			mains.put(main, chosen);
		});
		return mains;
	}

	private List<Map<String, Object>> mappings(JsonNode params, List<LocalDate> days) {
		String code = text(params, "ts_code");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int d = days.size() - 1; d >= 0; d--) {
			LocalDate day = days.get(d);
			mainContracts(day).forEach((main, contract) -> {
				if (code.isEmpty() || List.of(code.split(",")).contains(main)) {
					Map<String, Object> row = new LinkedHashMap<>();
					row.put("ts_code", main);
					row.put("trade_date", DATE.format(day));
					row.put("mapping_ts_code", contract.symbol());
					rows.add(row);
				}
			});
		}
		return rows;
	}

	private List<Map<String, Object>> spot(JsonNode params, List<LocalDate> days) {
		List<SimulatedInstrument> contracts = selected(params, InstrumentKind.SPOT);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int d = days.size() - 1; d >= 0; d--) {
			for (SimulatedInstrument contract : contracts) {
				SyntheticMarket.DayBar bar = this.market.day(contract, days.get(d));
				if (bar == null) {
					continue;
				}
				boolean deferred = contract.symbol().contains("(T+D)");
				// Gold is priced per gram, silver per kilogram; volume is in kilograms.
				long gramsPerUnit = contract.symbol().startsWith("Ag") ? 1 : 1000;
				long average = (bar.open() + bar.high() + bar.low() + bar.close()) / 4;
				average = Math.max(bar.low(), average - average % contract.tickLi());
				long kilograms = bar.lots();
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("ts_code", bar.symbol());
				row.put("trade_date", DATE.format(bar.date()));
				row.put("close", cny(bar.close()));
				row.put("open", cny(bar.open()));
				row.put("high", cny(bar.high()));
				row.put("low", cny(bar.low()));
				row.put("price_avg", cny(average));
				row.put("change", cny(bar.close() - bar.preClose()));
				row.put("pct_change", Math.round((bar.close() - bar.preClose()) * 10000.0 / bar.preClose()) / 100.0);
				row.put("vol", (double) kilograms);
				// 元: the average price times the volume, in whole CNY.
				row.put("amount", (double) (average * kilograms * gramsPerUnit / 1000));
				row.put("oi", deferred ? (double) (10000 + Math.floorMod(bar.date().toEpochDay() * 31, 4000)) : null);
				row.put("settle_vol", deferred ? (double) Math.floorMod(bar.date().toEpochDay() * 7, 200) : null);
				row.put("settle_dire", deferred ? ((bar.close() >= bar.preClose()) ? "多支付空" : "空支付多") : null);
				rows.add(row);
			}
		}
		return rows;
	}

	/**
	 * FX bars by GMT date, on every weekday (Chinese holidays included): mid prices drift
	 * on smooth waves from the pair's level, bid and ask a fixed spread apart.
	 */
	private List<Map<String, Object>> fx(JsonNode params) {
		List<SimulatedInstrument> pairs = selected(params, InstrumentKind.FX);
		String exchange = text(params, "exchange");
		if (!exchange.isEmpty() && !exchange.equals("FXCM")) {
			return List.of();
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		List<LocalDate> days = weekdays(params);
		for (int d = days.size() - 1; d >= 0; d--) {
			for (SimulatedInstrument pair : pairs) {
				rows.add(fxRow(pair, days.get(d)));
			}
		}
		return rows;
	}

	private List<LocalDate> weekdays(JsonNode params) {
		LocalDate last = this.settings.today().isBefore(TradingCalendar.LAST) ? this.settings.today()
				: TradingCalendar.LAST;
		String tradeDate = text(params, "trade_date");
		LocalDate start = tradeDate.isEmpty() ? date(params, "start_date", TradingCalendar.FIRST)
				: LocalDate.parse(tradeDate, DATE);
		LocalDate end = tradeDate.isEmpty() ? date(params, "end_date", last) : start;
		start = start.isBefore(TradingCalendar.FIRST) ? TradingCalendar.FIRST : start;
		end = end.isAfter(last) ? last : end;
		List<LocalDate> days = new ArrayList<>();
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
				days.add(day);
			}
		}
		return days;
	}

	private static Map<String, Object> fxRow(SimulatedInstrument pair, LocalDate day) {
		// Prices in 1/100,000 of the quote currency (1/1,000 for yen pairs), the level
		// from the instrument's start price in li.
		boolean yen = pair.symbol().contains("JPY");
		double scale = yen ? 1000.0 : 100000.0;
		long level = Math.round(pair.startLi() / 1000.0 * scale);
		int phase = Math.floorMod(pair.symbol().hashCode(), 97);
		long open = wave(level, day.toEpochDay() * 2 - 1, phase);
		long close = wave(level, day.toEpochDay() * 2, phase);
		long reach = level / 400 + Math.floorMod(day.toEpochDay() * 13 + phase, Math.max(1, level / 300));
		long high = Math.max(open, close) + reach / 2;
		long low = Math.min(open, close) - reach / 2;
		long spread = Math.max(2, level / 50000);
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("ts_code", pair.symbol());
		row.put("trade_date", DATE.format(day));
		row.put("bid_open", open / scale);
		row.put("bid_close", close / scale);
		row.put("bid_high", high / scale);
		row.put("bid_low", low / scale);
		row.put("ask_open", (open + spread) / scale);
		row.put("ask_close", (close + spread) / scale);
		row.put("ask_high", (high + spread) / scale);
		row.put("ask_low", (low + spread) / scale);
		row.put("tick_qty", 40000 + Math.floorMod(day.toEpochDay() * 101 + phase, 30000));
		row.put("exchange", "FXCM");
		return row;
	}

	/** The mid price at a half-day step: two slow waves around the level. */
	private static long wave(long level, long halfDays, int phase) {
		double t = halfDays / 2.0;
		return Math.round(level * (1 + 0.04 * Math.sin((t + phase) / 61.0) + 0.008 * Math.sin((t + phase) / 5.3)));
	}

	private static double cny(long li) {
		return li / 1000.0;
	}

	private static String text(JsonNode params, String name) {
		JsonNode value = params.path(name);
		return (value.isMissingNode() || value.isNull()) ? "" : value.asString().strip();
	}

	private static LocalDate date(JsonNode params, String name, LocalDate fallback) {
		String text = text(params, name);
		return text.isEmpty() ? fallback : LocalDate.parse(text, DATE);
	}

}
