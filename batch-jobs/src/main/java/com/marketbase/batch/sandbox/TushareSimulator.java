package com.marketbase.batch.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tushare Pro as its HTTP API behaves: one POST route dispatching on {@code api_name},
 * HTTP 200 for every business error with the server's Chinese messages, per-token
 * permissions and per-minute quotas (40203 for both, told apart by the text), silent row
 * caps, {@code limit}/{@code offset}, newest-first rows, numbers as floats, and the
 * server's own column order ({@code stk_mins} sends {@code close} before {@code open}).
 * Unknown names in {@code fields} are ignored.
 */
final class TushareSimulator {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final String DOC = "，权限的具体详情访问：https://tushare.pro/document/1?doc_id=108。";

	private static final Map<String, List<String>> COLUMNS = Map.ofEntries(
			Map.entry("trade_cal", List.of("exchange", "cal_date", "is_open", "pretrade_date")),
			Map.entry("stock_basic",
					List.of("ts_code", "symbol", "name", "area", "industry", "cnspell", "market", "list_date",
							"act_name", "act_ent_type", "fullname", "enname", "exchange", "curr_type", "list_status",
							"delist_date", "is_hs")),
			Map.entry("daily",
					List.of("ts_code", "trade_date", "open", "high", "low", "close", "pre_close", "change", "pct_chg",
							"vol", "amount")),
			Map.entry("adj_factor", List.of("ts_code", "trade_date", "adj_factor")),
			Map.entry("stk_mins", List.of("ts_code", "trade_time", "close", "open", "high", "low", "vol", "amount")),
			Map.entry("idx_mins", List.of("ts_code", "trade_time", "close", "open", "high", "low", "vol", "amount")),
			Map.entry("index_daily",
					List.of("ts_code", "trade_date", "close", "open", "high", "low", "pre_close", "change", "pct_chg",
							"vol", "amount")),
			Map.entry("fund_daily",
					List.of("ts_code", "trade_date", "open", "high", "low", "close", "pre_close", "change", "pct_chg",
							"vol", "amount")),
			Map.entry("suspend_d", List.of("ts_code", "trade_date", "suspend_timing", "suspend_type")),
			Map.entry("rt_k",
					List.of("ts_code", "name", "pre_close", "high", "open", "low", "close", "vol", "amount", "num")),
			Map.entry("rt_min_daily",
					List.of("code", "freq", "time", "open", "close", "high", "low", "vol", "amount")));

	/** Columns sent when {@code fields} is empty; the others only on request. */
	private static final Map<String, Integer> DEFAULT_COLUMN_COUNT = Map.of("stock_basic", 10);

	/** The per-call row caps, as documented (the sandbox's guess where none is). */
	static final Map<String, Integer> CAPS = Map.ofEntries(Map.entry("trade_cal", 4000), Map.entry("stock_basic", 6000),
			Map.entry("daily", 6000), Map.entry("adj_factor", 2000), Map.entry("stk_mins", 8000),
			Map.entry("idx_mins", 8000), Map.entry("index_daily", 8000), Map.entry("fund_daily", 2000),
			Map.entry("suspend_d", 5000), Map.entry("rt_k", 6000), Map.entry("rt_min_daily", 1000));

	/** Tushare's realtime APIs, which low tiers may call only a few times an hour. */
	private static final Set<String> REALTIME = Set.of("rt_k", "rt_min_daily");

	private volatile int realtimePerHour;

	// How the minute answers depart from the default layout, and later corrections of
	// single minute bars: see Sandbox#minuteConventions and Sandbox#revise.
	private volatile boolean separateAuctionBar;

	private volatile boolean hourBarsByStart;

	private final Map<String, Long> revisedCloses = new ConcurrentHashMap<>();

	private static final Set<String> FREQUENCIES = Set.of("1min", "5min", "15min", "30min", "60min");

	private final SandboxSettings settings;

	private final Universe universe;

	private final SyntheticMarket market;

	private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();

	private final Set<String> poisoned = ConcurrentHashMap.newKeySet();

	private final TushareReferenceAnswers reference;

	private final TusharePremarketAnswer premarket;

	private final TushareCrossAssetAnswers crossAsset;

	private final TushareFundamentalAnswers fundamentals;

	private final TushareReportAnswers reports;

	private final TushareMacroAnswers macro;

	private final TushareFundAnswers funds;

	private final Supplier<@Nullable LocalTime> timeOfDay;

	TushareSimulator(SandboxSettings settings, Universe universe, SyntheticMarket market,
			Supplier<@Nullable LocalTime> timeOfDay) {
		this.timeOfDay = timeOfDay;
		this.settings = settings;
		this.universe = universe;
		this.market = market;
		this.reference = new TushareReferenceAnswers(settings, universe);
		this.premarket = new TusharePremarketAnswer(settings, universe, market);
		this.crossAsset = new TushareCrossAssetAnswers(settings, universe, market);
		this.fundamentals = new TushareFundamentalAnswers(market);
		this.reports = new TushareReportAnswers(settings, universe);
		this.macro = new TushareMacroAnswers(settings);
		this.funds = new TushareFundAnswers(settings, universe, market);
	}

	/**
	 * Makes every daily row of an instrument impossible from now on (its high below its
	 * low), so that a loader can never accept it.
	 * @param symbol the instrument
	 */
	void poison(String symbol) {
		this.poisoned.add(symbol);
	}

	/**
	 * The API a request names, for counting.
	 * @param request the request
	 * @return the {@code api_name}, or {@code ?} when there is none
	 */
	static String apiName(SandboxRequest request) {
		try {
			JsonNode body = MAPPER.readTree(request.body());
			String name = (body != null) ? body.path("api_name").asString("") : "";
			if (name.isEmpty() && request.path().startsWith("/dataapi/")) {
				name = request.path().substring("/dataapi/".length());
			}
			return name.isEmpty() ? "?" : name;
		}
		catch (JacksonException ex) {
			return "?";
		}
	}

	/**
	 * One of the {@code params} a request sends, for matching injected faults.
	 * @param request the request
	 * @param name the parameter, for example {@code ts_code}
	 * @return its value as text, or empty when the request does not send it
	 */
	static String param(SandboxRequest request, String name) {
		try {
			JsonNode body = MAPPER.readTree(request.body());
			return (body != null) ? text(body.path("params"), name, "") : "";
		}
		catch (JacksonException ex) {
			return "";
		}
	}

	SandboxAnswer answer(SandboxRequest request, boolean corrupt) {
		JsonNode body;
		try {
			body = MAPPER.readTree(request.body());
		}
		catch (JacksonException ex) {
			body = null;
		}
		if (body == null || !body.isObject()) {
			return error(request, -1000, "系统内部错误");
		}
		Grant grant = grant(body.path("token").asString(""));
		if (grant == null) {
			return error(request, 40101, "您的token不对，请确认。");
		}
		String api = apiName(request);
		if (columnsOf(api) == null && !TusharePremarketAnswer.API.equals(api)) {
			return error(request, 40101, "请指定正确的接口名");
		}
		if (!grant.grant().allows(api)) {
			return error(request, 40203, "抱歉，您没有接口(" + api + ")访问权限" + DOC);
		}
		// Every realtime call counts in its hour, also before a limit is set.
		int perHour = this.realtimePerHour;
		if (REALTIME.contains(api) && !withinWindow(grant.token() + "/" + api + "/hour",
				(perHour > 0) ? perHour : Integer.MAX_VALUE, Duration.ofHours(1))) {
			// rt_min_daily words its refusal as the realtime minute APIs do.
			String refusal = "rt_min_daily".equals(api) ? "抱歉，您访问接口(" + api + ")频率超限(" + perHour + "次/小时)"
					: "抱歉，您每小时最多访问该接口" + perHour + "次" + DOC;
			return error(request, 40203, refusal).asRateLimited();
		}
		if (!withinQuota(grant.token() + "/" + api, grant.grant().callsPerMinute())) {
			return error(request, 40203, "抱歉，您每分钟最多访问该接口" + grant.grant().callsPerMinute() + "次" + DOC).asRateLimited();
		}
		JsonNode params = body.path("params");
		if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
			return error(request, 50101, "服务器错误，请稍后再试！'str' object has no attribute 'get'");
		}
		try {
			if (TusharePremarketAnswer.API.equals(api)) {
				return success(request, api, this.premarket.page(params),
						TusharePremarketAnswer.fields(body.path("fields")), corrupt);
			}
			if ("stk_mins".equals(api) || "idx_mins".equals(api)) {
				return minuteAnswer(request, api, params, fields(api, body.path("fields")), corrupt);
			}
			List<Map<String, Object>> rows = rows(api, params);
			return success(request, api, page(api, rows, params), fields(api, body.path("fields")), corrupt);
		}
		catch (DateTimeParseException | IllegalArgumentException ex) {
			return error(request, 50101, "服务器错误，请稍后再试！" + ex.getMessage());
		}
	}

	private record Grant(String token, SandboxSettings.Grant grant) {
	}

	private Grant grant(String token) {
		SandboxSettings.Grant grant = this.settings.tokens().get(token);
		return (grant != null) ? new Grant(token, grant) : null;
	}

	/** A sliding window (a minute, as the real server counts) per token and API. */
	private boolean withinQuota(String key, int callsPerMinute) {
		return withinWindow(key, callsPerMinute, this.settings.quotaWindow());
	}

	/**
	 * Makes the realtime APIs ({@code rt_k}) refuse beyond a number of calls an hour per
	 * token, as Tushare's trial and low tiers do ("每小时最多访问该接口10次").
	 * @param callsPerHour the calls an hour; 0 for no hourly limit
	 */
	void limitRealtime(int callsPerHour) {
		this.realtimePerHour = callsPerHour;
	}

	private boolean withinWindow(String key, int calls, Duration length) {
		Deque<Long> window = this.windows.computeIfAbsent(key, (k) -> new ArrayDeque<>());
		long now = System.nanoTime();
		synchronized (window) {
			while (!window.isEmpty() && now - window.peekFirst() >= length.toNanos()) {
				window.pollFirst();
			}
			if (window.size() >= calls) {
				return false;
			}
			window.addLast(now);
			return true;
		}
	}

	private List<Map<String, Object>> rows(String api, JsonNode params) {
		return switch (api) {
			case "trade_cal" -> tradeCalendar(params);
			case "rt_k" -> realtimeQuotes(params);
			case "rt_min_daily" -> realtimeMinutes(params);
			case "stock_basic" -> stocks(params);
			case "daily" -> dailyBars(params, InstrumentKind.STOCK, false);
			case "index_daily" -> dailyBars(params, InstrumentKind.INDEX, true);
			case "fund_daily" -> dailyBars(params, InstrumentKind.ETF, false);
			case "adj_factor" -> adjustmentFactors(params);
			case "suspend_d" -> suspensions(params);
			case "daily_basic" -> this.fundamentals.dailyBasic(instruments(params, InstrumentKind.STOCK), days(params));
			case "moneyflow" -> this.fundamentals.moneyflow(instruments(params, InstrumentKind.STOCK), days(params));
			case "fina_indicator" -> this.reports.finaIndicator(text(params, "ts_code", ""),
					optionalDate(params, "period"), optionalDate(params, "start_date"),
					optionalDate(params, "end_date"), optionalDate(params, "ann_date"));
			case "cn_gdp", "cn_cpi", "cn_ppi", "cn_m" ->
				this.macro.rows(api, periodStart(params), periodEnd(params), null, null);
			case "shibor", "shibor_lpr", "us_tycr", "eco_cal" ->
				this.macro.rows(api, optionalDate(params, "start_date"), optionalDate(params, "end_date"),
						text(params, "currency", "").isEmpty() ? null : text(params, "currency", ""),
						text(params, "event", "").isEmpty() ? null : text(params, "event", ""));
			case "fund_portfolio" -> this.funds.portfolio(text(params, "ts_code", ""), optionalDate(params, "ann_date"),
					optionalDate(params, "start_date"), optionalDate(params, "end_date"));
			case "disclosure_date" ->
				this.reports.disclosureDate(text(params, "ts_code", "").isEmpty() ? null : text(params, "ts_code", ""),
						optionalDate(params, "end_date"));
			default -> TushareCrossAssetAnswers.COLUMNS.containsKey(api)
					? this.crossAsset.rows(api, params, days(params)) : this.reference.rows(api, params);
		};
	}

	private List<Map<String, Object>> tradeCalendar(JsonNode params) {
		String exchange = text(params, "exchange", "SSE");
		LocalDate start = date(params, "start_date", TradingCalendar.FIRST);
		LocalDate end = date(params, "end_date", TradingCalendar.LAST);
		// Only the years the sandbox knows; a day series to 2099 would be answered empty
		// anyway.
		start = start.isBefore(TradingCalendar.KNOWN_FROM) ? TradingCalendar.KNOWN_FROM : start;
		end = end.isAfter(TradingCalendar.LAST) ? TradingCalendar.LAST : end;
		String isOpen = text(params, "is_open", "");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (LocalDate day = end; !day.isBefore(start); day = day.minusDays(1)) {
			if (!TradingCalendar.knows(day)) {
				continue;
			}
			boolean open = TradingCalendar.isOpen(day);
			if (!isOpen.isEmpty() && !isOpen.equals(open ? "1" : "0")) {
				continue;
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("exchange", exchange);
			row.put("cal_date", DATE.format(day));
			row.put("is_open", open ? 1 : 0);
			row.put("pretrade_date", DATE.format(TradingCalendar.previousOpen(day)));
			rows.add(row);
		}
		return rows;
	}

	private List<Map<String, Object>> stocks(JsonNode params) {
		String status = text(params, "list_status", "L");
		String exchange = text(params, "exchange", "");
		String code = text(params, "ts_code", "");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (SimulatedInstrument stock : this.universe.of(InstrumentKind.STOCK)) {
			Lifecycle lifecycle = this.universe.lifecycle(stock.symbol());
			LocalDate today = this.settings.today();
			if ((!exchange.isEmpty() && !exchange.equals(stock.exchange()))
					|| (!code.isEmpty() && !code.equals(stock.symbol()))
					|| stock.listDate().isAfter(this.settings.today())
					|| !status.equals((lifecycle != null) ? lifecycle.status(today) : "L")) {
				continue;
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("ts_code", stock.symbol());
			row.put("symbol", stock.digits());
			row.put("name", TushareReferenceAnswers.name(stock, lifecycle, today));
			row.put("area", "沙盒");
			row.put("industry", "模拟");
			row.put("cnspell", "shsp");
			row.put("market", board(stock));
			row.put("list_date", DATE.format(TushareReferenceAnswers.firstListed(stock, lifecycle)));
			row.put("act_name", null);
			row.put("act_ent_type", null);
			row.put("fullname", stock.name() + "股份有限公司");
			row.put("enname", "Sandbox " + stock.digits() + " Co., Ltd.");
			row.put("exchange", stock.exchange());
			row.put("curr_type", "CNY");
			row.put("list_status", status);
			row.put("delist_date", status.equals("D") ? DATE.format(lifecycle.on()) : null);
			row.put("is_hs", "N");
			rows.add(row);
		}
		return rows;
	}

	private static String board(SimulatedInstrument stock) {
		if (stock.symbol().startsWith("688")) {
			return "科创板";
		}
		if (stock.symbol().startsWith("300")) {
			return "创业板";
		}
		return "BSE".equals(stock.exchange()) ? "北交所" : "主板";
	}

	private List<Map<String, Object>> dailyBars(JsonNode params, InstrumentKind kind, boolean index) {
		List<SimulatedInstrument> instruments = instruments(params, kind);
		List<LocalDate> days = days(params);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int d = days.size() - 1; d >= 0; d--) {
			for (SimulatedInstrument instrument : instruments) {
				SyntheticMarket.DayBar bar = this.market.day(instrument, days.get(d));
				if (bar == null) {
					continue;
				}
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("ts_code", bar.symbol());
				row.put("trade_date", DATE.format(bar.date()));
				row.put("open", cny(bar.open()));
				row.put("high", cny(bar.high()));
				row.put("low", cny(bar.low()));
				row.put("close", cny(bar.close()));
				row.put("pre_close", cny(bar.preClose()));
				row.put("change", cny(bar.close() - bar.preClose()));
				row.put("pct_chg", Math.round((bar.close() - bar.preClose()) * 10000.0 / bar.preClose()) / 100.0);
				row.put("vol", (double) bar.lots());
				// 千元 (thousand CNY); li / 10^6, exact in the digits sent.
				row.put("amount", bar.amountLi() / 1_000_000.0);
				if (this.poisoned.contains(bar.symbol())) {
					row.put("high", cny(bar.low()) / 2);
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private List<Map<String, Object>> adjustmentFactors(JsonNode params) {
		List<SimulatedInstrument> stocks = instruments(params, InstrumentKind.STOCK);
		List<LocalDate> days = days(params);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int d = days.size() - 1; d >= 0; d--) {
			for (SimulatedInstrument stock : stocks) {
				if (days.get(d).isBefore(stock.listDate())) {
					continue;
				}
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("ts_code", stock.symbol());
				row.put("trade_date", DATE.format(days.get(d)));
				row.put("adj_factor", this.market.adjustmentFactor(stock, TradingCalendar.indexOf(days.get(d))));
				rows.add(row);
			}
		}
		return rows;
	}

	/**
	 * {@code suspend_d}: one row of type {@code S} per stock and suspended day, newest
	 * first. The sandbox has no intraday suspensions, so {@code suspend_timing} is empty,
	 * and it records no resumptions ({@code R}).
	 */
	private List<Map<String, Object>> suspensions(JsonNode params) {
		if (text(params, "suspend_type", "S").equals("R")) {
			return List.of();
		}
		List<SimulatedInstrument> stocks = instruments(params, InstrumentKind.STOCK);
		List<LocalDate> days = days(params);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int d = days.size() - 1; d >= 0; d--) {
			for (SimulatedInstrument stock : stocks) {
				if (!this.market.suspended(stock, days.get(d)) && !paused(stock, days.get(d))) {
					continue;
				}
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("ts_code", stock.symbol());
				row.put("trade_date", DATE.format(days.get(d)));
				row.put("suspend_timing", null);
				row.put("suspend_type", "S");
				rows.add(row);
			}
		}
		return rows;
	}

	/**
	 * Whether a stock is paused (暂停上市) on a day: the exchange halts its trading for the
	 * whole pause, so the suspension list names it every day.
	 */
	private boolean paused(SimulatedInstrument stock, LocalDate day) {
		Lifecycle lifecycle = this.universe.lifecycle(stock.symbol());
		return lifecycle != null && lifecycle.kind() == Lifecycle.Kind.PAUSED && !day.isBefore(lifecycle.on());
	}

	/**
	 * {@code stk_mins} and {@code idx_mins}, written row by row: minute answers are the
	 * bulk of the traffic. {@code idx_mins} answers for indexes only.
	 */
	private SandboxAnswer minuteAnswer(SandboxRequest request, String api, JsonNode params, List<String> fields,
			boolean corrupt) {
		String code = text(params, "ts_code", "");
		String frequency = text(params, "freq", "");
		SimulatedInstrument instrument = this.universe.find(code);
		if (instrument != null && "idx_mins".equals(api) && instrument.kind() != InstrumentKind.INDEX) {
			instrument = null;
		}
		if (!FREQUENCIES.contains(frequency)) {
			throw new IllegalArgumentException("freq参数错误");
		}
		int cap = CAPS.get(api);
		int limit = params.path("limit").asInt(cap);
		TushareMinuteAnswer answer = new TushareMinuteAnswer(requestId(request), fields,
				Math.max(0, params.path("offset").asInt(0)), Math.min(cap, (limit > 0) ? limit : cap), corrupt);
		if (instrument == null || code.contains(",")) {
			return answer.finish();
		}
		LocalDateTime start = dateTime(params, "start_date", TradingCalendar.FIRST.atStartOfDay());
		LocalDateTime end = dateTime(params, "end_date", this.settings.today().atTime(23, 59, 59));
		// Today's bars are out as each minute ends.
		LocalTime now = this.timeOfDay.get();
		if (now != null && end.isAfter(this.settings.today().atTime(now))) {
			end = this.settings.today().atTime(now);
		}
		List<LocalDate> days = TradingCalendar.openDays(start.toLocalDate(), min(end.toLocalDate()));
		int minutes = Integer.parseInt(frequency.substring(0, frequency.length() - 3));
		for (int d = days.size() - 1; d >= 0 && answer.wantsMore(); d--) {
			List<SyntheticMarket.MinuteBar> bars = layout(
					revised(instrument.symbol(), this.market.minutes(instrument, days.get(d))), minutes);
			for (int b = bars.size() - 1; b >= 0 && answer.wantsMore(); b--) {
				SyntheticMarket.MinuteBar bar = bars.get(b);
				if (!bar.end().isBefore(start) && !bar.end().isAfter(end)) {
					answer.add(instrument.symbol(), bar);
				}
			}
		}
		return answer.finish();
	}

	void minuteConventions(boolean separateAuctionBar, boolean hourBarsByStart) {
		this.separateAuctionBar = separateAuctionBar;
		this.hourBarsByStart = hourBarsByStart;
	}

	void revise(String symbol, LocalDateTime minuteEnd, long closeLi) {
		this.revisedCloses.put(symbol + " " + minuteEnd, closeLi);
	}

	/** A day's 1-minute bars with the corrections made since they were first served. */
	private List<SyntheticMarket.MinuteBar> revised(String symbol, List<SyntheticMarket.MinuteBar> minutes) {
		if (this.revisedCloses.isEmpty()) {
			return minutes;
		}
		List<SyntheticMarket.MinuteBar> bars = new ArrayList<>(minutes.size());
		for (SyntheticMarket.MinuteBar bar : minutes) {
			Long close = this.revisedCloses.get(symbol + " " + bar.end());
			bars.add((close == null) ? bar : new SyntheticMarket.MinuteBar(bar.end(), bar.open(),
					Math.max(bar.high(), close), Math.min(bar.low(), close), close, bar.lots(), bar.amountLi()));
		}
		return bars;
	}

	/**
	 * Bars of a length in the layout the answers use: by default labelled by their end
	 * with the opening auction in the first bar; optionally the auction as a bar of its
	 * own at 09:30, or hour bars labelled by their start.
	 */
	private List<SyntheticMarket.MinuteBar> layout(List<SyntheticMarket.MinuteBar> tushareMinutes, int minutes) {
		if (minutes == 1 || tushareMinutes.isEmpty()) {
			return Bars.aggregate(tushareMinutes, minutes, true);
		}
		if (minutes == 60 && this.hourBarsByStart) {
			return Bars.aggregate(tushareMinutes, minutes, true)
				.stream()
				.map((bar) -> new SyntheticMarket.MinuteBar(bar.end().minusMinutes(60), bar.open(), bar.high(),
						bar.low(), bar.close(), bar.lots(), bar.amountLi()))
				.toList();
		}
		SyntheticMarket.MinuteBar first = tushareMinutes.get(0);
		if (this.separateAuctionBar && first.end().toLocalTime().equals(LocalTime.of(9, 30))) {
			List<SyntheticMarket.MinuteBar> bars = new ArrayList<>();
			bars.add(first);
			bars.addAll(Bars.aggregate(tushareMinutes.subList(1, tushareMinutes.size()), minutes, true));
			return bars;
		}
		return Bars.aggregate(tushareMinutes, minutes, true);
	}

	/**
	 * {@code rt_k}: the latest quote of every A-share and ETF matching a code or a
	 * wildcard ({@code 6*.SH}) from today's minutes published so far; shares and CNY.
	 */
	private List<Map<String, Object>> realtimeQuotes(JsonNode params) {
		String code = text(params, "ts_code", "");
		int star = code.indexOf('*');
		if (code.isEmpty() || !code.contains(".")) {
			throw new IllegalArgumentException("ts_code必须带市场后缀");
		}
		String prefix = (star >= 0) ? code.substring(0, star) : code;
		String suffix = (star >= 0) ? code.substring(star + 1) : "";
		LocalDate today = this.settings.today();
		LocalTime now = this.timeOfDay.get();
		List<Map<String, Object>> rows = new ArrayList<>();
		List<SimulatedInstrument> candidates = new ArrayList<>(this.universe.of(InstrumentKind.STOCK));
		candidates.addAll(this.universe.of(InstrumentKind.ETF));
		for (SimulatedInstrument instrument : candidates) {
			if (!instrument.symbol().startsWith(prefix) || !instrument.symbol().endsWith(suffix)) {
				continue;
			}
			SyntheticMarket.DayBar day = this.market.day(instrument, today);
			List<SyntheticMarket.MinuteBar> minutes = this.market.minutes(instrument, today)
				.stream()
				.filter((bar) -> now == null || !bar.end().isAfter(today.atTime(now)))
				.toList();
			if (day == null || minutes.isEmpty()) {
				continue;
			}
			long high = minutes.stream().mapToLong(SyntheticMarket.MinuteBar::high).max().orElseThrow();
			long low = minutes.stream().mapToLong(SyntheticMarket.MinuteBar::low).min().orElseThrow();
			long lots = minutes.stream().mapToLong(SyntheticMarket.MinuteBar::lots).sum();
			long amount = minutes.stream().mapToLong(SyntheticMarket.MinuteBar::amountLi).sum();
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("ts_code", instrument.symbol());
			row.put("name", instrument.name());
			row.put("pre_close", day.preClose() / 1000.0);
			row.put("high", high / 1000.0);
			row.put("open", minutes.get(0).open() / 1000.0);
			row.put("low", low / 1000.0);
			row.put("close", minutes.get(minutes.size() - 1).close() / 1000.0);
			row.put("vol", lots * 100);
			row.put("amount", amount / 1000.0);
			row.put("num", minutes.size() * 7L);
			rows.add(row);
		}
		rows.sort(Comparator.comparing((Map<String, Object> row) -> (String) row.get("ts_code")));
		return rows;
	}

	/**
	 * {@code rt_min_daily}: today's one-minute bars so far of one A-share or ETF, the
	 * 09:30 auction bar included, oldest first; shares and CNY. One code a call.
	 */
	private List<Map<String, Object>> realtimeMinutes(JsonNode params) {
		String code = text(params, "ts_code", "");
		if (code.contains(",")) {
			throw new IllegalArgumentException("rt_min_daily每次只能查询一个代码");
		}
		if (!"1MIN".equals(text(params, "freq", ""))) {
			throw new IllegalArgumentException("freq参数错误");
		}
		SimulatedInstrument instrument = this.universe.find(code);
		LocalDate today = this.settings.today();
		if (instrument == null || instrument.kind() == InstrumentKind.INDEX) {
			return List.of();
		}
		LocalTime now = this.timeOfDay.get();
		List<Map<String, Object>> rows = new ArrayList<>();
		for (SyntheticMarket.MinuteBar bar : Bars.aggregate(this.market.minutes(instrument, today), 1, true)) {
			if (now != null && bar.end().isAfter(today.atTime(now))) {
				break;
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("code", instrument.symbol());
			row.put("freq", "1MIN");
			row.put("time", DATE_TIME.format(bar.end()));
			row.put("open", bar.open() / 1000.0);
			row.put("close", bar.close() / 1000.0);
			row.put("high", bar.high() / 1000.0);
			row.put("low", bar.low() / 1000.0);
			row.put("vol", bar.lots() * 100);
			row.put("amount", bar.amountLi() / 1000.0);
			rows.add(row);
		}
		return rows;
	}

	private List<SimulatedInstrument> instruments(JsonNode params, InstrumentKind kind) {
		String codes = text(params, "ts_code", "");
		if (codes.isEmpty()) {
			return this.universe.of(kind);
		}
		List<SimulatedInstrument> found = new ArrayList<>();
		for (String code : codes.split(",")) {
			SimulatedInstrument instrument = this.universe.find(code.strip());
			if (instrument != null && instrument.kind() == kind) {
				found.add(instrument);
			}
		}
		found.sort(Comparator.comparing(SimulatedInstrument::symbol));
		return found;
	}

	private List<LocalDate> days(JsonNode params) {
		String tradeDate = text(params, "trade_date", "");
		if (!tradeDate.isEmpty()) {
			LocalDate day = LocalDate.parse(tradeDate, DATE);
			return (TradingCalendar.isOpen(day) && !day.isAfter(this.settings.today())) ? List.of(day) : List.of();
		}
		LocalDate start = date(params, "start_date", TradingCalendar.FIRST);
		LocalDate end = min(date(params, "end_date", this.settings.today()));
		return TradingCalendar.openDays(start.isBefore(TradingCalendar.FIRST) ? TradingCalendar.FIRST : start, end);
	}

	private LocalDate min(LocalDate day) {
		LocalDate last = this.settings.today().isBefore(TradingCalendar.LAST) ? this.settings.today()
				: TradingCalendar.LAST;
		return day.isAfter(last) ? last : day;
	}

	private static List<Map<String, Object>> page(String api, List<Map<String, Object>> rows, JsonNode params) {
		Integer cap = CAPS.get(api);
		for (Map<String, Integer> caps : List.of(TushareCrossAssetAnswers.CAPS, TushareFundamentalAnswers.CAPS,
				TushareReportAnswers.CAPS, TushareMacroAnswers.CAPS, TushareReferenceAnswers.CAPS,
				TushareFundAnswers.CAPS)) {
			if (cap == null) {
				cap = caps.get(api);
			}
		}
		int offset = Math.max(0, params.path("offset").asInt(0));
		int limit = params.path("limit").asInt(cap);
		int size = Math.min(cap, (limit > 0) ? limit : cap);
		if (offset >= rows.size()) {
			return List.of();
		}
		return rows.subList(offset, Math.min(rows.size(), offset + size));
	}

	/** The columns of an API the sandbox answers, or {@code null} for an unknown one. */
	private static List<String> columnsOf(String api) {
		List<String> columns = COLUMNS.get(api);
		if (columns == null) {
			columns = TushareCrossAssetAnswers.COLUMNS.get(api);
		}
		if (columns == null) {
			columns = TushareFundamentalAnswers.COLUMNS.get(api);
		}
		if (columns == null) {
			columns = TushareReportAnswers.COLUMNS.get(api);
		}
		if (columns == null) {
			columns = TushareMacroAnswers.COLUMNS.get(api);
		}
		if (columns == null) {
			columns = TushareFundAnswers.COLUMNS.get(api);
		}
		return (columns != null) ? columns : TushareReferenceAnswers.COLUMNS.get(api);
	}

	private static List<String> fields(String api, JsonNode requested) {
		List<String> all = columnsOf(api);
		List<String> names = new ArrayList<>();
		if (requested.isArray()) {
			requested.forEach((field) -> names.add(field.asString().strip()));
		}
		else if (requested.isString()) {
			for (String field : requested.stringValue().split(",")) {
				if (!field.isBlank()) {
					names.add(field.strip());
				}
			}
		}
		if (names.isEmpty()) {
			return all.subList(0, DEFAULT_COLUMN_COUNT.getOrDefault(api, TushareCrossAssetAnswers.DEFAULT_COLUMN_COUNT
				.getOrDefault(api, TushareReportAnswers.DEFAULT_COLUMN_COUNT.getOrDefault(api, all.size()))));
		}
		// The server's own order, not the order asked for; unknown names are dropped.
		return all.stream().filter(names::contains).toList();
	}

	private SandboxAnswer success(SandboxRequest request, String api, List<Map<String, Object>> rows,
			List<String> fields, boolean corrupt) {
		ObjectNode body = MAPPER.createObjectNode();
		body.put("request_id", requestId(request));
		body.put("code", 0);
		ObjectNode data = body.putObject("data");
		ArrayNode names = data.putArray("fields");
		fields.forEach(names::add);
		ArrayNode items = data.putArray("items");
		for (int r = 0; r < rows.size(); r++) {
			Map<String, Object> row = rows.get(r);
			if (corrupt && r == 0) {
				row = corrupted(row);
			}
			ArrayNode item = items.addArray();
			for (String field : fields) {
				Object value = row.get(field);
				if (value == null) {
					item.addNull();
				}
				else if (value instanceof Double number) {
					item.add(number);
				}
				else if (value instanceof Integer number) {
					item.add(number);
				}
				else {
					item.add(value.toString());
				}
			}
		}
		data.put("has_more", false);
		data.put("count", 0);
		body.put("msg", "");
		body.put("detail", "");
		return SandboxAnswer.json(MAPPER.writeValueAsString(body));
	}

	/** One row with values that cannot be true, for the impossible-rows fault. */
	private static Map<String, Object> corrupted(Map<String, Object> row) {
		Map<String, Object> bad = new LinkedHashMap<>(row);
		if (bad.get("low") instanceof Double low) {
			bad.put("high", low / 2);
		}
		else if (bad.containsKey("adj_factor")) {
			bad.put("adj_factor", -1.0);
		}
		else if (bad.containsKey("cal_date")) {
			bad.put("cal_date", "20241345");
		}
		else if (bad.containsKey("ts_code")) {
			bad.put("ts_code", null);
		}
		return bad;
	}

	private SandboxAnswer error(SandboxRequest request, int code, String message) {
		ObjectNode body = MAPPER.createObjectNode();
		body.put("request_id", requestId(request));
		body.put("code", code);
		body.putNull("data");
		body.put("msg", message);
		body.put("detail", "");
		return SandboxAnswer.json(MAPPER.writeValueAsString(body));
	}

	/** Derived from the seed and the request, so the same request gets the same bytes. */
	private String requestId(SandboxRequest request) {
		return UUID.nameUUIDFromBytes((this.settings.seed() + "/" + request.body()).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	private static double cny(long li) {
		return li / 1000.0;
	}

	private static String text(JsonNode params, String name, String fallback) {
		JsonNode value = params.path(name);
		return (value.isMissingNode() || value.isNull()) ? fallback : value.asString().strip();
	}

	/** The first day of the first period a quarterly or monthly macro question names. */
	private static LocalDate periodStart(JsonNode params) {
		String quarter = text(params, "start_q", "");
		if (!quarter.isEmpty()) {
			return LocalDate.of(Integer.parseInt(quarter.substring(0, 4)),
					Integer.parseInt(quarter.substring(5)) * 3 - 2, 1);
		}
		String month = text(params, "start_m", "");
		return month.isEmpty() ? null
				: LocalDate.of(Integer.parseInt(month.substring(0, 4)), Integer.parseInt(month.substring(4, 6)), 1);
	}

	/** The last day of the last period a quarterly or monthly macro question names. */
	private static LocalDate periodEnd(JsonNode params) {
		String quarter = text(params, "end_q", "");
		if (!quarter.isEmpty()) {
			return LocalDate
				.of(Integer.parseInt(quarter.substring(0, 4)), Integer.parseInt(quarter.substring(5)) * 3, 1)
				.with(java.time.temporal.TemporalAdjusters.lastDayOfMonth());
		}
		String month = text(params, "end_m", "");
		return month.isEmpty() ? null
				: LocalDate.of(Integer.parseInt(month.substring(0, 4)), Integer.parseInt(month.substring(4, 6)), 1)
					.with(java.time.temporal.TemporalAdjusters.lastDayOfMonth());
	}

	private static LocalDate optionalDate(JsonNode params, String name) {
		String text = text(params, name, "");
		return text.isEmpty() ? null : LocalDate.parse(text, DATE);
	}

	private static LocalDate date(JsonNode params, String name, LocalDate fallback) {
		String text = text(params, name, "");
		return text.isEmpty() ? fallback : LocalDate.parse(text, DATE);
	}

	private static LocalDateTime dateTime(JsonNode params, String name, LocalDateTime fallback) {
		String text = text(params, name, "");
		if (text.isEmpty()) {
			return fallback;
		}
		return (text.length() == 8) ? LocalDate.parse(text, DATE).atStartOfDay() : LocalDateTime.parse(text, DATE_TIME);
	}

}
