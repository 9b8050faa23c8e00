package com.marketbase.batch.sandbox;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Tushare's {@code stk_premarket} (the day's share capital, previous close and price
 * limits before the open), a special permission that Tushare sells apart from points: a
 * token has it only when its grant names it (see {@link SandboxSettings.Grant#allows}).
 * Shares are in 10,000 shares and prices in CNY, as the real endpoint sends them.
 */
final class TusharePremarketAnswer {

	static final String API = "stk_premarket";

	static final List<String> COLUMNS = List.of("trade_date", "ts_code", "total_share", "float_share", "pre_close",
			"up_limit", "down_limit");

	static final int CAP = 8000;

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private final SandboxSettings settings;

	private final Universe universe;

	private final SyntheticMarket market;

	TusharePremarketAnswer(SandboxSettings settings, Universe universe, SyntheticMarket market) {
		this.settings = settings;
		this.universe = universe;
		this.market = market;
	}

	/**
	 * One page of the rows of a day ({@code trade_date}, the sandbox's today when
	 * absent), by code. Only the rows of the page are computed, so that {@code limit=1}
	 * stays cheap.
	 * @param params the request's parameters
	 * @return the rows
	 */
	List<Map<String, Object>> page(JsonNode params) {
		String typed = params.path("trade_date").asString("");
		LocalDate day = typed.isEmpty() ? this.settings.today() : LocalDate.parse(typed, DATE);
		if (!TradingCalendar.knows(day) || !TradingCalendar.isOpen(day) || day.isAfter(this.settings.today())) {
			return List.of();
		}
		String code = params.path("ts_code").asString("");
		int offset = Math.max(0, params.path("offset").asInt(0));
		int limit = params.path("limit").asInt(CAP);
		int size = Math.min(CAP, (limit > 0) ? limit : CAP);
		List<Map<String, Object>> rows = new ArrayList<>();
		int skipped = 0;
		for (SimulatedInstrument stock : this.universe.of(InstrumentKind.STOCK)) {
			if (rows.size() >= size) {
				break;
			}
			if ((!code.isEmpty() && !code.equals(stock.symbol())) || !stock.listedOn(day)) {
				continue;
			}
			SyntheticMarket.DayBar bar = this.market.day(stock, day);
			if (bar == null) {
				continue;
			}
			if (skipped++ < offset) {
				continue;
			}
			double limitShare = stock.limitPercent() / 100.0;
			double preClose = bar.preClose() / 1000.0;
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("trade_date", DATE.format(day));
			row.put("ts_code", stock.symbol());
			// Made up from the code, the same every time.
			double total = 10_000 + Math.floorMod(stock.symbol().hashCode(), 900_000);
			row.put("total_share", total);
			row.put("float_share", Math.floor(total * 0.8));
			row.put("pre_close", preClose);
			row.put("up_limit", Math.floor(preClose * (1 + limitShare) * 100) / 100);
			row.put("down_limit", Math.ceil(preClose * (1 - limitShare) * 100) / 100);
			rows.add(row);
		}
		return rows;
	}

	/**
	 * The columns sent: those asked for in the server's order, or all of them.
	 * @param requested the request's {@code fields}
	 * @return the columns
	 */
	static List<String> fields(JsonNode requested) {
		String text = requested.isString() ? requested.stringValue() : "";
		List<String> names = List.of(text.split(",")).stream().map(String::strip).filter((n) -> !n.isEmpty()).toList();
		return names.isEmpty() ? COLUMNS : COLUMNS.stream().filter(names::contains).toList();
	}

}
