package com.marketbase.batch.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Eastmoney's fund APIs as they behave: {@code f10/lsjz} refuses requests without a
 * Referer ({@code ErrCode -999} with {@code Data ""}), caps pages at 20 rows whatever is
 * asked, lists newest first, sends every number as a string, and wraps the JSON in
 * {@code callback(...)} on request; money-market funds report income per 10,000 units and
 * the 7-day yield. A fund's NAV of a day is out from 20:00 on the sandbox's clock.
 * <p>
 * Estimates come from {@code FundValuationLast}, which answers a list of codes at once,
 * every number a string, and null estimate fields for the funds it does not estimate
 * (money-market and active funds). The old {@code fundgz} is retired as the real one has
 * been since 2026-07-20: every {@code js/{code}.js} is redirected to the not-found page.
 */
final class EastmoneySimulator {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final int PAGE_CAP = 20;

	/** The most codes {@code FundValuationLast} takes in one call. */
	static final int VALUATION_CODE_CAP = 200;

	private static final List<String> VALUATION_FIELDS = List.of("FCODE", "SHORTNAME", "GSZZL", "GZTIME", "GSZ", "NAV",
			"PDATE");

	private static final LocalTime OPENING = LocalTime.of(9, 30);

	private static final LocalTime CLOSING = LocalTime.of(15, 0);

	/** When funds publish the day's NAV. */
	static final LocalTime NAV_PUBLISHED = LocalTime.of(20, 0);

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final String NOT_FOUND_PAGE = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
			+ "<title>404 - 页面不存在</title><link rel=\"canonical\" href=\"/notfound.html\"></head><body>"
			+ "<div class=\"notfound\"><p>您访问的页面不存在或已被删除</p><a href=\"/notfound.html\">notfound</a>"
			+ "</div></body></html>";

	private final SandboxSettings settings;

	private final Universe universe;

	private final SyntheticMarket market;

	private final Supplier<@Nullable LocalTime> clock;

	/**
	 * A simulator.
	 * @param settings the sandbox's settings
	 * @param universe its instruments
	 * @param market its prices and NAVs
	 * @param clock the sandbox's time of day on its today; {@code null} once the day is
	 * over
	 */
	EastmoneySimulator(SandboxSettings settings, Universe universe, SyntheticMarket market,
			Supplier<@Nullable LocalTime> clock) {
		this.settings = settings;
		this.universe = universe;
		this.market = market;
		this.clock = clock;
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

	/**
	 * The trading-day indexes with a NAV in the requested range, newest first: today's
	 * only once it is published.
	 */
	private List<Integer> navDays(SimulatedInstrument fund, SandboxRequest request) {
		LocalDate start = request.param("startDate").isEmpty() ? TradingCalendar.FIRST
				: LocalDate.parse(request.param("startDate"));
		LocalDate end = request.param("endDate").isEmpty() ? this.settings.today()
				: LocalDate.parse(request.param("endDate"));
		LocalDate lastOut = todaysNavOut() ? this.settings.today() : this.settings.today().minusDays(1);
		if (end.isAfter(lastOut)) {
			end = lastOut;
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

	/**
	 * {@code js/{code}.js}, retired: a permanent redirect to the not-found page, on the
	 * sandbox itself, whatever the code.
	 * @return the redirect
	 */
	SandboxAnswer retiredEstimate() {
		return SandboxAnswer.movedPermanently("/notfound.html");
	}

	/**
	 * {@code notfound.html}, where the retired estimates lead.
	 * @return the page, with HTTP 200 as the real one
	 */
	SandboxAnswer notFoundPage() {
		return SandboxAnswer.text(200, "text/html; charset=utf-8", NOT_FOUND_PAGE);
	}

	/**
	 * {@code mm/newCore/FundValuationLast}: per known code in {@code FCODES}, in the
	 * order asked and once each, the fund's latest estimate and published NAV. Unknown
	 * codes are left out; more than {@value #VALUATION_CODE_CAP} codes are refused.
	 * {@code GSZZL} is the estimate's change from the NAV it starts from, the one before
	 * {@code GZTIME}'s day, which is {@code NAV} until that day's own NAV is out at
	 * 20:00.
	 * @param request the request
	 * @param corrupt whether the first fund's estimate is impossible (negative)
	 * @return the answer
	 */
	SandboxAnswer valuation(SandboxRequest request, boolean corrupt) {
		List<String> codes = new ArrayList<>();
		for (String code : request.param("FCODES").split(",")) {
			if (!code.isBlank()) {
				codes.add(code.strip());
			}
		}
		ObjectNode body = MAPPER.createObjectNode();
		if (codes.size() > VALUATION_CODE_CAP) {
			body.putNull("data");
			body.put("errorCode", 400);
			body.put("firstError", "FCODES too long");
			body.put("success", false);
			body.putNull("hasWrongToken");
			body.put("totalCount", 0);
			body.putNull("expansion");
			return SandboxAnswer.json(MAPPER.writeValueAsString(body));
		}
		List<String> fields = valuationFields(request.param("FIELDS"));
		LocalDateTime estimated = estimateMoment();
		LocalDate published = publishedNavDay();
		ArrayNode data = body.putArray("data");
		for (String code : new LinkedHashSet<>(codes)) {
			SimulatedInstrument fund = fund(code);
			if (fund != null && !fund.listDate().isAfter(this.settings.today())) {
				data.add(valuationRow(fund, fields, estimated, published, corrupt && data.isEmpty()));
			}
		}
		body.put("errorCode", 0);
		body.putNull("firstError");
		body.put("success", true);
		body.putNull("hasWrongToken");
		body.put("totalCount", data.size());
		body.putNull("expansion");
		return SandboxAnswer.json(MAPPER.writeValueAsString(body));
	}

	/** The fields asked for, in the server's order; all of them when none are named. */
	private static List<String> valuationFields(String asked) {
		Set<String> named = new LinkedHashSet<>();
		for (String field : asked.split(",")) {
			if (!field.isBlank()) {
				named.add(field.strip());
			}
		}
		return named.isEmpty() ? VALUATION_FIELDS : VALUATION_FIELDS.stream().filter(named::contains).toList();
	}

	private ObjectNode valuationRow(SimulatedInstrument fund, List<String> fields, @Nullable LocalDateTime estimated,
			@Nullable LocalDate published, boolean corrupt) {
		ObjectNode row = MAPPER.createObjectNode();
		Estimate estimate = estimate(fund, estimated);
		long nav = (published != null) ? this.market.fundValue(fund, TradingCalendar.indexOf(published)) : 0;
		for (String field : fields) {
			switch (field) {
				case "FCODE" -> row.put(field, fund.digits());
				case "SHORTNAME" -> row.put(field, fund.name());
				case "GSZZL" -> putOrNull(row, field, (estimate != null) ? estimate.change() : null);
				case "GZTIME" -> putOrNull(row, field, (estimate != null) ? MINUTE.format(estimate.at()) : null);
				case "GSZ" -> putOrNull(row, field,
						(estimate != null) ? (corrupt ? "-" : "") + decimal(estimate.value(), 4) : null);
				case "NAV" -> putOrNull(row, field, (nav > 0) ? decimal(nav, 4) : null);
				case "PDATE" -> putOrNull(row, field, (nav > 0) ? published.toString() : null);
				default -> throw new IllegalStateException("no such field " + field);
			}
		}
		return row;
	}

	/**
	 * The estimate of an index-like fund at a moment, against the NAV it starts from;
	 * {@code null} for the other funds, and before the fund has a NAV to start from.
	 */
	private @Nullable Estimate estimate(SimulatedInstrument fund, @Nullable LocalDateTime at) {
		if (at == null || this.universe.fundStyle(fund) != FundStyle.INDEX_LIKE) {
			return null;
		}
		int index = TradingCalendar.indexOf(at.toLocalDate());
		long base = (index > 0) ? this.market.fundValue(fund, index - 1) : 0;
		if (base <= 0) {
			return null;
		}
		long value = this.market.fundEstimate(fund, index, at.toLocalTime());
		String change = BigDecimal.valueOf((value - base) * 100L)
			.divide(BigDecimal.valueOf(base), 2, RoundingMode.HALF_UP)
			.toPlainString();
		return new Estimate(at, value, change);
	}

	/**
	 * The moment the latest estimate is of: on an open today the clock, kept between the
	 * open and the close (the close once the day is over); before the open, and on a
	 * closed day, the last open day's close.
	 */
	private @Nullable LocalDateTime estimateMoment() {
		LocalDate today = this.settings.today();
		LocalTime now = this.clock.get();
		if (TradingCalendar.isOpen(today) && TradingCalendar.indexOf(today) >= 0
				&& (now == null || !now.isBefore(OPENING))) {
			LocalTime at = (now == null || now.isAfter(CLOSING)) ? CLOSING : now.truncatedTo(ChronoUnit.MINUTES);
			return today.atTime(at);
		}
		LocalDate previous = TradingCalendar.previousOpen(today);
		return (TradingCalendar.indexOf(previous) >= 0) ? previous.atTime(CLOSING) : null;
	}

	/** The day of the latest NAV out at the sandbox's time, or {@code null}. */
	private @Nullable LocalDate publishedNavDay() {
		LocalDate today = this.settings.today();
		if (TradingCalendar.isOpen(today) && TradingCalendar.indexOf(today) >= 0 && todaysNavOut()) {
			return today;
		}
		LocalDate previous = TradingCalendar.previousOpen(today);
		return (TradingCalendar.indexOf(previous) >= 0) ? previous : null;
	}

	/**
	 * Whether a NAV of the sandbox's today is out: from 20:00, or once the day is over.
	 */
	private boolean todaysNavOut() {
		LocalTime now = this.clock.get();
		return now == null || !now.isBefore(NAV_PUBLISHED);
	}

	private static void putOrNull(ObjectNode row, String field, @Nullable String value) {
		if (value == null) {
			row.putNull(field);
		}
		else {
			row.put(field, value);
		}
	}

	private SimulatedInstrument fund(String code) {
		SimulatedInstrument fund = this.universe.find(code + ".OF");
		return (fund != null && (fund.kind() == InstrumentKind.FUND || fund.kind() == InstrumentKind.MONEY_FUND)) ? fund
				: null;
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

	/**
	 * An estimate as served.
	 *
	 * @param at the moment it is of
	 * @param value the estimated NAV, in 1/10000 CNY
	 * @param change its change from the NAV it starts from, in percent, two decimals
	 */
	private record Estimate(LocalDateTime at, long value, String change) {
	}

}
