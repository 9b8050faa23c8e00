package com.marketbase.batch.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Eastmoney's fund APIs as they behave: {@code f10/lsjz} refuses requests without a
 * Referer ({@code ErrCode -999} with {@code Data ""}), caps pages at 20 rows whatever is
 * asked, lists newest first, sends every number as a string, and wraps the JSON in
 * {@code callback(...)} on request; money-market funds report income per 10,000 units and
 * the 7-day yield. {@code fundgz} answers {@code jsonpgz({...});}, or {@code jsonpgz();}
 * when there is no estimate (money-market and unknown funds).
 */
final class EastmoneySimulator {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final int PAGE_CAP = 20;

	private final SandboxSettings settings;

	private final Universe universe;

	private final SyntheticMarket market;

	EastmoneySimulator(SandboxSettings settings, Universe universe, SyntheticMarket market) {
		this.settings = settings;
		this.universe = universe;
		this.market = market;
	}

	SandboxAnswer navHistory(SandboxRequest request, boolean corrupt) {
		ObjectNode body = MAPPER.createObjectNode();
		if (request.referer().isBlank()) {
			body.put("Data", "");
			body.put("ErrCode", -999);
			body.put("ErrMsg", "");
			body.put("TotalCount", 0);
			return SandboxAnswer.json(MAPPER.writeValueAsString(body));
		}
		SimulatedInstrument fund = fund(request.param("fundCode"));
		int pageIndex = Math.max(1, parse(request.param("pageIndex"), 1));
		int pageSize = Math.max(1, parse(request.param("pageSize"), PAGE_CAP));
		List<Integer> days = (fund != null) ? navDays(fund, request) : List.of();
		int size = Math.min(pageSize, PAGE_CAP);
		int from = Math.min(days.size(), (pageIndex - 1) * size);
		boolean money = fund != null && fund.kind() == InstrumentKind.MONEY_FUND;
		ObjectNode data = body.putObject("Data");
		ArrayNode list = data.putArray("LSJZList");
		for (int index : days.subList(from, Math.min(days.size(), from + size))) {
			list.add(row(fund, index, corrupt && list.isEmpty()));
		}
		data.put("FundType", money ? "005" : "001");
		if (money) {
			data.put("SYType", "每万份收益");
		}
		else {
			data.putNull("SYType");
		}
		data.put("isNewType", false);
		data.putNull("Feature");
		body.put("ErrCode", 0);
		body.putNull("ErrMsg");
		body.put("TotalCount", days.size());
		body.putNull("Expansion");
		// The size asked for is echoed even when fewer rows are sent.
		body.put("PageSize", pageSize);
		body.put("PageIndex", pageIndex);
		String json = MAPPER.writeValueAsString(body);
		String callback = request.param("callback");
		return callback.isEmpty() ? SandboxAnswer.json(json)
				: SandboxAnswer.text(200, "application/javascript; charset=utf-8", callback + "(" + json + ")");
	}

	/** The trading-day indexes with a NAV in the requested range, newest first. */
	private List<Integer> navDays(SimulatedInstrument fund, SandboxRequest request) {
		LocalDate start = request.param("startDate").isEmpty() ? TradingCalendar.FIRST
				: LocalDate.parse(request.param("startDate"));
		LocalDate end = request.param("endDate").isEmpty() ? this.settings.today()
				: LocalDate.parse(request.param("endDate"));
		if (end.isAfter(this.settings.today())) {
			end = this.settings.today();
		}
		List<Integer> days = new ArrayList<>();
		List<LocalDate> open = TradingCalendar.openDays();
		for (int i = open.size() - 1; i >= 0; i--) {
			LocalDate day = open.get(i);
			if (!day.isAfter(end) && !day.isBefore(start) && !day.isBefore(fund.listDate())) {
				days.add(i);
			}
		}
		return days;
	}

	private ObjectNode row(SimulatedInstrument fund, int index, boolean corrupt) {
		ObjectNode row = MAPPER.createObjectNode();
		LocalDate day = TradingCalendar.openDays().get(index);
		long value = this.market.fundValue(fund, index);
		row.put("FSRQ", day.toString());
		if (fund.kind() == InstrumentKind.MONEY_FUND) {
			row.put("DWJZ", decimal(value, 4));
			row.put("LJJZ", decimal(this.market.sevenDayYield(fund, index), 3));
			row.put("JZZZL", "");
		}
		else {
			long previous = (index > 0) ? this.market.fundValue(fund, index - 1) : 0;
			row.put("DWJZ", corrupt ? "-" + decimal(value, 4) : decimal(value, 4));
			row.put("LJJZ", decimal(value + 2000, 4));
			row.put("JZZZL",
					(previous > 0) ? BigDecimal.valueOf((value - previous) * 10000 / previous, 2).toPlainString() : "");
		}
		row.putNull("SDATE");
		row.put("ACTUALSYI", "");
		row.put("NAVTYPE", "1");
		row.put("SGZT", "开放申购");
		row.put("SHZT", "开放赎回");
		row.put("FHFCZ", "");
		row.putNull("FHFCZ10");
		row.put("FHFCBZ", "");
		row.putNull("DTYPE");
		row.put("FHSP", "");
		return row;
	}

	SandboxAnswer estimate(SandboxRequest request, boolean corrupt) {
		String path = request.path();
		String code = path.substring("/js/".length(), path.length() - ".js".length());
		SimulatedInstrument fund = fund(code);
		LocalDate today = this.settings.today();
		if (fund == null || fund.kind() == InstrumentKind.MONEY_FUND || fund.listDate().isAfter(today)
				|| !TradingCalendar.isOpen(today) || today.isAfter(TradingCalendar.LAST)) {
			return javascript("jsonpgz();");
		}
		int todayIndex = TradingCalendar.indexOf(today);
		long nav = this.market.fundValue(fund, todayIndex - 1);
		long estimate = this.market.fundValue(fund, todayIndex);
		ObjectNode body = MAPPER.createObjectNode();
		body.put("fundcode", fund.digits());
		body.put("name", fund.name());
		body.put("jzrq", TradingCalendar.openDays().get(todayIndex - 1).toString());
		body.put("dwjz", decimal(nav, 4));
		body.put("gsz", corrupt ? "估算中" : decimal(estimate, 4));
		body.put("gszzl", BigDecimal.valueOf((estimate - nav) * 10000 / Math.max(1, nav), 2).toPlainString());
		body.put("gztime", today + " 15:00");
		return javascript("jsonpgz(" + MAPPER.writeValueAsString(body) + ");");
	}

	private SimulatedInstrument fund(String code) {
		SimulatedInstrument fund = this.universe.find(code + ".OF");
		return (fund != null && (fund.kind() == InstrumentKind.FUND || fund.kind() == InstrumentKind.MONEY_FUND)) ? fund
				: null;
	}

	private static SandboxAnswer javascript(String body) {
		return SandboxAnswer.text(200, "application/javascript; charset=utf-8", body);
	}

	private static String decimal(long units, int scale) {
		return BigDecimal.valueOf(units, scale).toPlainString();
	}

	private static int parse(String text, int fallback) {
		try {
			return text.isEmpty() ? fallback : Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
