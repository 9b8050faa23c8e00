package com.marketbase.batch.sandbox;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TDX HTTP gateway ({@code tdx-api}) as its handlers behave: every business answer in
 * {@code {code, message, data}} with HTTP 200, errors as code -1 with the gateway's
 * Chinese messages, Go field names ({@code Count}, {@code List}, {@code Time}) for
 * protocol structs and lower-case keys for handler-built maps, prices and amounts in li,
 * stock volumes in lots (index volumes in shares), RFC 3339 times with {@code +08:00},
 * {@code /api/health} unwrapped and a plain-text 404 for unknown paths.
 */
final class TdxSimulator {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

	private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

	/** About the 24,000 one-minute bars a TDX server keeps. */
	private static final int MINUTE_HISTORY_DAYS = 100;

	private static final Map<String, Integer> INTRADAY = Map.of("minute1", 1, "minute5", 5, "minute15", 15, "minute30",
			30, "hour", 60);

	private final SandboxSettings settings;

	private final Universe universe;

	private final SyntheticMarket market;

	private final List<Span> dropped = new CopyOnWriteArrayList<>();

	private final Supplier<@Nullable LocalTime> timeOfDay;

	TdxSimulator(SandboxSettings settings, Universe universe, SyntheticMarket market,
			Supplier<@Nullable LocalTime> timeOfDay) {
		this.timeOfDay = timeOfDay;
		this.settings = settings;
		this.universe = universe;
		this.market = market;
	}

	/**
	 * Makes {@code /api/workday/range} leave out the open days of a span, as a gateway
	 * whose store has no index bars for them.
	 * @param first the first day missing
	 * @param last the last day missing
	 */
	void dropWorkdays(LocalDate first, LocalDate last) {
		this.dropped.add(new Span(first, last));
	}

	SandboxAnswer answer(SandboxRequest request, boolean corrupt) {
		try {
			return switch (request.path()) {
				case "/api/health" -> SandboxAnswer.json("{\"status\":\"healthy\",\"time\":\"1730617200\"}");
				case "/api/codes" -> success(codes(request.param("exchange")));
				case "/api/etf" -> success(exchangeFunds(request.param("exchange")));
				case "/api/minute" -> success(minute(request, corrupt));
				case "/api/kline-history", "/api/kline" -> success(kline(request, false, corrupt));
				case "/api/kline-all", "/api/kline-all/tdx" -> success(kline(request, true, corrupt));
				case "/api/index/all" -> success(index(request, true, corrupt));
				case "/api/index" -> success(index(request, false, corrupt));
				case "/api/trade" -> success(trades(request, corrupt));
				case "/api/quote" -> success(quotes(request));
				case "/api/workday/range" -> success(workdays(request));
				default -> SandboxAnswer.text(404, "text/plain; charset=utf-8", "404 page not found\n");
			};
		}
		catch (Refusal refusal) {
			return error(refusal.getMessage());
		}
	}

	private ObjectNode codes(String exchange) {
		ObjectNode data = MAPPER.createObjectNode();
		// Delisted and paused stocks, and codes that do not exist yet, are not listed.
		List<SimulatedInstrument> stocks = this.universe.of(InstrumentKind.STOCK).stream().filter((stock) -> {
			Lifecycle lifecycle = this.universe.lifecycle(stock.symbol());
			return lifecycle == null
					|| (lifecycle.exists(this.settings.today()) && lifecycle.status(this.settings.today()).equals("L"));
		}).toList();
		ObjectNode counts = MAPPER.createObjectNode();
		ArrayNode codes = MAPPER.createArrayNode();
		for (String market : List.of("sh", "sz", "bj")) {
			counts.put(market, stocks.stream().filter((stock) -> stock.market().equals(market)).count());
		}
		for (SimulatedInstrument stock : stocks) {
			if (exchange.isEmpty() || exchange.equals("all") || exchange.equals(stock.market())) {
				ObjectNode code = codes.addObject();
				code.put("code", stock.digits());
				code.put("name", stock.name());
				code.put("exchange", stock.market());
			}
		}
		data.put("total", codes.size());
		data.set("exchanges", counts);
		data.set("codes", codes);
		return data;
	}

	/**
	 * {@code /api/etf}: the exchange-traded funds with their last price, as a
	 * handler-built map (lower-case keys, the price a float in CNY).
	 */
	private ObjectNode exchangeFunds(String exchange) {
		ObjectNode data = MAPPER.createObjectNode();
		ArrayNode list = MAPPER.createArrayNode();
		List<LocalDate> days = TradingCalendar.openDays(TradingCalendar.FIRST, this.settings.today());
		for (SimulatedInstrument fund : this.universe.of(InstrumentKind.ETF)) {
			if (!exchange.isEmpty() && !exchange.equals("all") && !exchange.equals(fund.market())) {
				continue;
			}
			SyntheticMarket.DayBar last = null;
			for (int d = days.size() - 1; d >= 0 && last == null; d--) {
				last = this.market.day(fund, days.get(d));
			}
			ObjectNode item = list.addObject();
			item.put("code", fund.digits());
			item.put("name", fund.name());
			item.put("exchange", fund.market());
			item.put("last_price", (last != null) ? last.close() / 1000.0 : 0.0);
		}
		data.put("total", list.size());
		data.set("list", list);
		return data;
	}

	private ObjectNode minute(SandboxRequest request, boolean corrupt) {
		SimulatedInstrument instrument = instrument(request);
		LocalDate date = request.param("date").isEmpty() ? this.settings.today() : day(request.param("date"), "date");
		List<SyntheticMarket.MinuteBar> bars = date.isAfter(this.settings.today()) ? List.of()
				: published(Bars.aggregate(this.market.minutes(instrument, date), 1, false));
		ObjectNode data = MAPPER.createObjectNode();
		data.put("date", COMPACT.format(date));
		data.put("Count", bars.size());
		ArrayNode list = data.putArray("List");
		for (SyntheticMarket.MinuteBar bar : bars) {
			ObjectNode point = list.addObject();
			point.put("Time", bar.end().toLocalTime().toString());
			point.put("Price", (corrupt && list.size() == 1) ? -bar.close() : bar.close());
			point.put("Number", bar.lots());
		}
		return data;
	}

	private ObjectNode kline(SandboxRequest request, boolean all, boolean corrupt) {
		SimulatedInstrument instrument = instrument(request);
		String type = request.param("type").isEmpty() ? "day" : request.param("type");
		int limit = request.param("limit").isEmpty() ? (all ? Integer.MAX_VALUE : 100)
				: Math.max(1, number(request.param("limit"), "limit"));
		if (!all) {
			limit = Math.min(limit, 800);
		}
		List<SyntheticMarket.MinuteBar> bars;
		if (INTRADAY.containsKey(type)) {
			bars = intraday(instrument, INTRADAY.get(type));
		}
		else if (type.equals("day")) {
			bars = days(instrument, !all);
		}
		else {
			throw new Refusal("type 参数错误，支持: minute1, minute5, minute15, minute30, hour, day");
		}
		if (!all || limit < bars.size()) {
			// The gateway asks TDX for the latest bars first, then applies the date
			// filter.
			bars = bars.subList(Math.max(0, bars.size() - limit), bars.size());
		}
		bars = filterDates(bars, request);
		ObjectNode data = MAPPER.createObjectNode();
		data.put(all ? "count" : "Count", bars.size());
		ArrayNode list = data.putArray(all ? "list" : "List");
		long last = 0;
		for (SyntheticMarket.MinuteBar bar : bars) {
			ObjectNode kline = list.addObject();
			kline.put("Last", last);
			kline.put("Open", bar.open());
			kline.put("High", (corrupt && list.size() == 1) ? bar.low() / 2 : bar.high());
			kline.put("Low", bar.low());
			kline.put("Close", bar.close());
			kline.put("Volume", (instrument.kind() == InstrumentKind.INDEX) ? bar.lots() * 100 : bar.lots());
			kline.put("Amount", bar.amountLi());
			kline.put("Time", RFC3339.format(bar.end().atOffset(BEIJING)));
			kline.put("UpCount", 0);
			kline.put("DownCount", 0);
			last = bar.close();
		}
		if (all) {
			ObjectNode meta = data.putObject("meta");
			meta.put("source", "tdx");
			meta.put("type", type);
			meta.put("batch_limit", 800);
			meta.putArray("notes").add("raw bars, not adjusted");
		}
		return data;
	}

	/**
	 * {@code /api/index/all} (the whole history, {@code count}/{@code list}, no meta) and
	 * {@code /api/index} (the latest bars, 100 unless asked, at most 800,
	 * {@code Count}/{@code List}).
	 */
	private ObjectNode index(SandboxRequest request, boolean all, boolean corrupt) {
		SimulatedInstrument instrument = instrument(request);
		if (instrument.kind() != InstrumentKind.INDEX) {
			throw new Refusal("获取指数失败: " + request.param("code") + " 不是指数");
		}
		ObjectNode data = kline(request, all, corrupt);
		data.remove("meta");
		return data;
	}

	/**
	 * The answer of a bulk call that came back with nothing: the gateway's envelope with
	 * an empty list, as when TDX's servers send no bars.
	 * @param request the request
	 * @return code 0 with no rows
	 */
	SandboxAnswer empty(SandboxRequest request) {
		ObjectNode data = MAPPER.createObjectNode();
		boolean handlerBuilt = request.path().startsWith("/api/kline-all") || request.path().equals("/api/index/all")
				|| request.path().equals("/api/workday/range");
		data.put(handlerBuilt ? "count" : "Count", 0);
		data.putArray(handlerBuilt ? "list" : "List");
		return success(data);
	}

	private List<SyntheticMarket.MinuteBar> intraday(SimulatedInstrument instrument, int minutes) {
		List<LocalDate> days = TradingCalendar.openDays(TradingCalendar.FIRST, today());
		List<SyntheticMarket.MinuteBar> bars = new ArrayList<>();
		for (LocalDate day : days.subList(Math.max(0, days.size() - MINUTE_HISTORY_DAYS), days.size())) {
			bars.addAll(Bars.aggregate(this.market.minutes(instrument, day), minutes, false));
		}
		return published(bars);
	}

	/** Leaves out today's bars that have not ended yet by the sandbox's time of day. */
	private List<SyntheticMarket.MinuteBar> published(List<SyntheticMarket.MinuteBar> bars) {
		LocalTime now = this.timeOfDay.get();
		if (now == null) {
			return bars;
		}
		LocalDateTime cut = this.settings.today().atTime(now);
		return bars.stream().filter((bar) -> !bar.end().isAfter(cut)).toList();
	}

	/**
	 * Day bars stamped 15:00; forward-adjusted (前复权) where the gateway's
	 * {@code /api/kline-history} takes them from 10jqka, raw from {@code /api/kline-all}.
	 */
	private List<SyntheticMarket.MinuteBar> days(SimulatedInstrument instrument, boolean forwardAdjusted) {
		List<SyntheticMarket.MinuteBar> bars = new ArrayList<>();
		List<LocalDate> days = TradingCalendar.openDays(TradingCalendar.FIRST, today());
		double latest = forwardAdjusted
				? this.market.adjustmentFactor(instrument, TradingCalendar.indexOf(days.get(days.size() - 1))) : 1;
		for (LocalDate day : days) {
			SyntheticMarket.DayBar bar = this.market.day(instrument, day);
			if (bar == null) {
				continue;
			}
			double ratio = forwardAdjusted ? bar.adjustmentFactor() / latest : 1;
			long tick = instrument.tickLi();
			bars.add(new SyntheticMarket.MinuteBar(day.atTime(15, 0), adjust(bar.open(), ratio, tick),
					adjust(bar.high(), ratio, tick), adjust(bar.low(), ratio, tick), adjust(bar.close(), ratio, tick),
					bar.lots(), bar.amountLi()));
		}
		return bars;
	}

	private static long adjust(long li, double ratio, long tick) {
		return (ratio == 1) ? li : Math.round(li * ratio / tick) * tick;
	}

	private List<SyntheticMarket.MinuteBar> filterDates(List<SyntheticMarket.MinuteBar> bars, SandboxRequest request) {
		String start = request.param("start_date");
		String end = request.param("end_date");
		if (start.isEmpty() && end.isEmpty()) {
			return bars;
		}
		LocalDate from = start.isEmpty() ? LocalDate.MIN : day(start, "start_date");
		LocalDate to = end.isEmpty() ? LocalDate.MAX : day(end, "end_date");
		return bars.stream()
			.filter((bar) -> !bar.end().toLocalDate().isBefore(from) && !bar.end().toLocalDate().isAfter(to))
			.toList();
	}

	private ObjectNode trades(SandboxRequest request, boolean corrupt) {
		SimulatedInstrument instrument = instrument(request);
		LocalDate date = request.param("date").isEmpty() ? this.settings.today() : day(request.param("date"), "date");
		List<SyntheticMarket.MinuteBar> bars = date.isAfter(this.settings.today()) ? List.of()
				: Bars.aggregate(this.market.minutes(instrument, date), 1, true);
		SplittableRandom random = new SplittableRandom(
				this.settings.seed() ^ instrument.symbol().hashCode() ^ date.toEpochDay());
		ObjectNode data = MAPPER.createObjectNode();
		ArrayNode list = data.putArray("List");
		for (SyntheticMarket.MinuteBar bar : bars) {
			// Ticks carry the minute they happened in: the auction at 09:25, then the
			// minute before each bar's end.
			LocalDateTime minute = bar.end().toLocalTime().equals(java.time.LocalTime.of(9, 30))
					? bar.end().minusMinutes(5) : bar.end().minusMinutes(1);
			int ticks = (bar.lots() < 3) ? 1 : 1 + random.nextInt(3);
			long left = bar.lots();
			for (int t = 0; t < ticks; t++) {
				long lots = (t == ticks - 1) ? left : left / (ticks - t);
				left -= lots;
				ObjectNode trade = list.addObject();
				trade.put("Time", RFC3339.format(minute.atOffset(BEIJING)));
				long price = (t == 0) ? bar.open() : (t == ticks - 1) ? bar.close() : bar.high();
				trade.put("Price", (corrupt && list.size() == 1) ? 0 : price);
				trade.put("Volume", lots);
				trade.put("Status", random.nextInt(3));
				trade.put("Number", 0);
			}
		}
		data.put("Count", list.size());
		return data;
	}

	private ObjectNode workdays(SandboxRequest request) {
		String start = request.param("start");
		String end = request.param("end");
		if (start.isEmpty() || end.isEmpty()) {
			throw new Refusal("start 与 end 均为必填参数");
		}
		LocalDate from = day(start, "start");
		LocalDate to = day(end, "end");
		if (to.isBefore(from)) {
			throw new Refusal("end 必须大于或等于 start");
		}
		// Derived from the SSE Composite's bars, so the gateway knows no future days.
		LocalDate last = to.isAfter(today()) ? today() : to;
		ObjectNode data = MAPPER.createObjectNode();
		ArrayNode list = data.putArray("list");
		for (LocalDate day : TradingCalendar.openDays(from, last)) {
			if (isDropped(day)) {
				continue;
			}
			ObjectNode item = list.addObject();
			item.put("iso", day.toString());
			item.put("numeric", COMPACT.format(day));
		}
		data.put("count", list.size());
		return data;
	}

	private boolean isDropped(LocalDate day) {
		for (Span span : this.dropped) {
			if (!day.isBefore(span.first()) && !day.isAfter(span.last())) {
				return true;
			}
		}
		return false;
	}

	private LocalDate today() {
		return this.settings.today().isAfter(TradingCalendar.LAST) ? TradingCalendar.LAST : this.settings.today();
	}

	private SimulatedInstrument instrument(SandboxRequest request) {
		String code = request.param("code");
		if (code.isEmpty()) {
			throw new Refusal("股票代码不能为空");
		}
		SimulatedInstrument instrument = this.universe.findTdx(code);
		if (instrument == null) {
			throw new Refusal("股票代码不存在: " + code);
		}
		return instrument;
	}

	private static LocalDate day(String text, String name) {
		try {
			return (text.length() == 8) ? LocalDate.parse(text, COMPACT) : LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new Refusal(name + " 参数格式错误，应为 YYYYMMDD 或 YYYY-MM-DD");
		}
	}

	private static int number(String text, String name) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new Refusal(name + " 参数格式错误");
		}
	}

	/**
	 * {@code /api/quote?code=sh600000,sz000001}: the TDX protocol's quote of each code as
	 * the gateway encodes it (Go field names, prices in li, {@code TotalHand} in lots, a
	 * {@code K} of the day so far), from today's minutes published by the sandbox's time.
	 * Codes without a trade yet today are left out, as the protocol sends none for them.
	 */
	private ArrayNode quotes(SandboxRequest request) {
		String[] codes = request.param("code").split(",");
		if (request.param("code").isBlank()) {
			throw new Refusal("股票代码不能为空");
		}
		if (codes.length > 80) {
			throw new Refusal("获取行情失败: 数量超过限制");
		}
		ArrayNode quotes = MAPPER.createArrayNode();
		LocalDate day = today();
		LocalTime now = this.timeOfDay.get();
		for (String code : codes) {
			SimulatedInstrument instrument = this.universe.findTdx(code.strip());
			if (instrument == null) {
				throw new Refusal("获取行情失败: 代码错误 " + code);
			}
			SyntheticMarket.DayBar bar = this.market.day(instrument, day);
			List<SyntheticMarket.MinuteBar> minutes = this.market.minutes(instrument, day)
				.stream()
				.filter((minute) -> now == null || !minute.end().isAfter(day.atTime(now)))
				.toList();
			if (bar == null || minutes.isEmpty()) {
				continue;
			}
			ObjectNode quote = quotes.addObject();
			quote.put("Exchange", switch (instrument.market()) {
				case "sz" -> 0;
				case "sh" -> 1;
				default -> 2;
			});
			quote.put("Code", instrument.digits());
			quote.put("Active1", minutes.size());
			ObjectNode k = quote.putObject("K");
			k.put("Last", bar.preClose());
			k.put("Open", minutes.get(0).open());
			k.put("High", minutes.stream().mapToLong(SyntheticMarket.MinuteBar::high).max().orElseThrow());
			k.put("Low", minutes.stream().mapToLong(SyntheticMarket.MinuteBar::low).min().orElseThrow());
			k.put("Close", minutes.get(minutes.size() - 1).close());
			LocalTime at = minutes.get(minutes.size() - 1).end().toLocalTime();
			quote.put("ServerTime", String.valueOf(at.getHour() * 1_000_000 + at.getMinute() * 10_000));
			quote.put("TotalHand", minutes.stream().mapToLong(SyntheticMarket.MinuteBar::lots).sum());
			quote.put("Intuition", minutes.get(minutes.size() - 1).lots());
			quote.put("Amount", minutes.stream().mapToLong(SyntheticMarket.MinuteBar::amountLi).sum() / 1000.0);
			quote.put("InsideDish", 0);
			quote.put("OuterDisc", 0);
			for (String side : List.of("BuyLevel", "SellLevel")) {
				ArrayNode levels = quote.putArray(side);
				for (int level = 1; level <= 5; level++) {
					ObjectNode price = levels.addObject();
					price.put("Buy", side.equals("BuyLevel"));
					long step = side.equals("BuyLevel") ? -10L * level : 10L * level;
					price.put("Price", minutes.get(minutes.size() - 1).close() + step);
					price.put("Number", 100 * level);
				}
			}
			quote.put("Rate", 0.0);
			quote.put("Active2", minutes.size());
		}
		return quotes;
	}

	private static SandboxAnswer success(tools.jackson.databind.JsonNode data) {
		ObjectNode body = MAPPER.createObjectNode();
		body.put("code", 0);
		body.put("message", "success");
		body.set("data", data);
		return SandboxAnswer.json(MAPPER.writeValueAsString(body));
	}

	private static SandboxAnswer error(String message) {
		ObjectNode body = MAPPER.createObjectNode();
		body.put("code", -1);
		body.put("message", message);
		body.putNull("data");
		return SandboxAnswer.json(MAPPER.writeValueAsString(body));
	}

	/**
	 * Days the gateway's own store lacks.
	 *
	 * @param first the first day missing
	 * @param last the last day missing
	 */
	private record Span(LocalDate first, LocalDate last) {
	}

	/** A request the gateway answers with code -1. */
	private static final class Refusal extends RuntimeException {

		Refusal(String message) {
			super(message, null, false, false);
		}

	}

}
