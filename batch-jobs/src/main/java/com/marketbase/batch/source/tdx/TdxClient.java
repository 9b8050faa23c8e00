package com.marketbase.batch.source.tdx;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import com.marketbase.batch.warehouse.Bar;
import com.marketbase.batch.warehouse.DailyBar;
import com.marketbase.batch.warehouse.RealtimeQuote;
import com.marketbase.batch.support.rows.Fetched;
import com.marketbase.batch.warehouse.reference.Instrument;
import com.marketbase.batch.source.AnswerShape;
import com.marketbase.batch.source.Json;
import com.marketbase.batch.warehouse.reference.Listing;
import com.marketbase.batch.support.rows.RejectedRow;
import com.marketbase.batch.source.SourceGate;
import com.marketbase.batch.source.SourceHttp;
import com.marketbase.batch.source.SourceName;
import com.marketbase.batch.warehouse.reference.TradingDay;
import com.marketbase.batch.source.TransientSourceException;
import com.marketbase.batch.source.Units;

/**
 * Reads the TDX gateway. Items are normalized (CNY, shares, Beijing instants) and sorted
 * oldest first.
 */
public final class TdxClient {

	/** The most bars one raw TDX request, and so {@code /api/kline-history}, returns. */
	public static final int WINDOW = 800;

	/**
	 * The most codes one {@code /api/quote} call takes, as the gateway's batch quote
	 * does.
	 */
	public static final int QUOTES_PER_CALL = 50;

	private static final Set<String> INTRADAY_TYPES = Set.of("minute1", "minute5", "minute15", "minute30", "hour");

	private static final Map<String, String> EXCHANGES = Map.of("sh", "SSE", "sz", "SZSE", "bj", "BSE");

	/**
	 * The most weekdays in a row a calendar may lack and still read them as closed. The
	 * longest closures of the Chinese exchanges (Spring Festival, National Day, the
	 * Spring Festival of 2020 extended for the epidemic) shut at most 7 weekdays in a
	 * row; one more day of margin allows for an extension announced at short notice. A
	 * longer run is no holiday but a hole in the gateway's store.
	 */
	static final int LONGEST_CLOSURE_WEEKDAYS = 8;

	private final SourceHttp http;

	private final SourceGate gate;

	public TdxClient(SourceHttp http, SourceGate gate) {
		this.http = http;
		this.gate = gate;
	}

	/**
	 * What this client reads.
	 * @return the TDX gateway
	 */
	public SourceName source() {
		return SourceName.TDX;
	}

	/**
	 * Whether the gateway is up; it answers {@code /api/health} outside the envelope.
	 * @return {@code true} when it reports itself healthy (or degraded but serving)
	 */
	public boolean healthy() {
		JsonNode body = this.gate.call("/api/health",
				() -> TdxReplies.body("/api/health", this.http.get("/api/health", "/api/health", Map.of())));
		String status = body.path("status").asString("");
		return status.equals("healthy") || status.equals("degraded");
	}

	/**
	 * The stocks the gateway knows (it lists stocks only, no ETFs or indexes).
	 * @param exchange {@code sh}, {@code sz}, {@code bj} or {@code all}
	 * @return the stocks, by code
	 */
	public Fetched<Instrument> stocks(String exchange) {
		JsonNode data = get("/api/codes", "exchange=" + exchange);
		List<Instrument> items = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		for (JsonNode code : data.path("codes")) {
			try {
				String market = Json.requiredText(code.get("exchange"), "exchange");
				String exchangeName = EXCHANGES.get(market);
				if (exchangeName == null) {
					throw new IllegalArgumentException("unknown exchange " + market);
				}
				items.add(new Instrument(TdxCode.symbolOf(Json.requiredText(code.get("code"), "code"), market),
						Json.requiredText(code.get("name"), "name"), exchangeName, null));
			}
			catch (RuntimeException ex) {
				rejected.add(rejected("/api/codes", null, ex.getMessage(), code));
			}
		}
		items.sort(Comparator.comparing(Instrument::symbol));
		return new Fetched<>(items, rejected);
	}

	/**
	 * The exchange-traded funds the gateway lists ({@code /api/etf}); it gives no listing
	 * or delisting dates.
	 * @return the funds, by code
	 */
	public Fetched<Listing> exchangeFunds() {
		JsonNode data = get("/api/etf", "exchange=all");
		List<Listing> items = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		for (JsonNode fund : data.path("list")) {
			try {
				String market = Json.requiredText(fund.get("exchange"), "exchange");
				if (!EXCHANGES.containsKey(market)) {
					throw new IllegalArgumentException("unknown exchange " + market);
				}
				items.add(Listing.exchangeFund(TdxCode.symbolOf(Json.requiredText(fund.get("code"), "code"), market),
						Json.requiredText(fund.get("name"), "name"), null, null));
			}
			catch (RuntimeException ex) {
				rejected.add(rejected("/api/etf", null, ex.getMessage(), fund));
			}
		}
		items.sort(Comparator.comparing(Listing::symbol));
		return new Fetched<>(items, rejected);
	}

	/**
	 * A day's minute line: 240 points stamped 09:31..11:30 and 13:01..15:00 (bar end).
	 * @param code the instrument
	 * @param date the day; a day without trading gives no points
	 * @return the points, oldest first
	 */
	public Fetched<TdxMinutePoint> minutePoints(TdxCode code, LocalDate date) {
		JsonNode data = get("/api/minute", "code=" + code.wire() + "&date=" + Units.compactDate(date));
		return read("/api/minute", code, data.path("List"), (point) -> {
			LocalTime time = LocalTime.parse(Json.requiredText(point.get("Time"), "Time"));
			BigDecimal price = Units.liToCny(Json.requiredDecimal(point.get("Price"), "Price").longValueExact());
			long lots = Json.requiredDecimal(point.get("Number"), "Number").longValueExact();
			if (price.signum() <= 0 || lots < 0) {
				throw new IllegalArgumentException("price " + price + " or volume " + lots + " is impossible");
			}
			return new TdxMinutePoint(code.symbol(), Units.beijing(date, time), price, lots * 100);
		}, Comparator.comparing(TdxMinutePoint::end));
	}

	/**
	 * The latest bars of an intraday type, at most one window of {@value #WINDOW}.
	 * @param code the instrument
	 * @param type {@code minute1}, {@code minute5}, {@code minute15}, {@code minute30} or
	 * {@code hour}
	 * @param count how many bars, at most {@value #WINDOW}
	 * @return the bars, oldest first
	 */
	public Fetched<Bar> latestBars(TdxCode code, String type, int count) {
		requireIntraday(type);
		if (count < 1 || count > WINDOW) {
			throw new IllegalArgumentException(
					"the gateway serves 1.." + WINDOW + " bars per window, not " + count + "; use allBars");
		}
		JsonNode data = get("/api/kline-history", "code=" + code.wire() + "&type=" + type + "&limit=" + count);
		return read("/api/kline-history", code, list(data), (kline) -> bar(code, kline),
				Comparator.comparing(Bar::end));
	}

	/**
	 * All raw (unadjusted) intraday bars the gateway has for an instrument, optionally
	 * only those ending within some days.
	 * @param code the instrument
	 * @param type as for {@link #latestBars}
	 * @param from the first day to keep
	 * @param to the last day to keep
	 * @return the bars, oldest first
	 */
	public Fetched<Bar> allBars(TdxCode code, String type, LocalDate from, LocalDate to) {
		requireIntraday(type);
		return within(intraday("/api/kline-all", code, type), from, to);
	}

	/**
	 * All intraday bars the gateway has for an index ({@code /api/index/all}, indexes are
	 * not adjusted), optionally only those ending within some days.
	 * @param code the index
	 * @param type as for {@link #latestBars}
	 * @param from the first day to keep
	 * @param to the last day to keep
	 * @return the bars, oldest first
	 */
	public Fetched<Bar> indexBars(TdxCode code, String type, LocalDate from, LocalDate to) {
		requireIntraday(type);
		return within(intraday("/api/index/all", code, type), from, to);
	}

	private Fetched<Bar> intraday(String path, TdxCode code, String type) {
		JsonNode data = get(path, "code=" + code.wire() + "&type=" + type);
		return read(path, code, list(data), (kline) -> bar(code, kline), Comparator.comparing(Bar::end));
	}

	private static Fetched<Bar> within(Fetched<Bar> bars, LocalDate from, LocalDate to) {
		Instant start = Units.beijing(from, LocalTime.MIDNIGHT);
		Instant end = Units.beijing(to.plusDays(1), LocalTime.MIDNIGHT);
		// The whole history came back; rows rejected outside the days asked for are no
		// concern of this read (each read of those days reports them).
		return new Fetched<>(
				bars.items().stream().filter((bar) -> !bar.end().isBefore(start) && bar.end().isBefore(end)).toList(),
				bars.rejected().stream().filter((row) -> within(row.payload(), from, to)).toList());
	}

	private static final java.util.regex.Pattern TIME_IN_ROW = java.util.regex.Pattern
		.compile("\"Time\":\"(\\d{4}-\\d{2}-\\d{2})");

	/** Whether a rejected kline's own day is within the days, or cannot be told. */
	private static boolean within(String payload, LocalDate from, LocalDate to) {
		java.util.regex.Matcher time = TIME_IN_ROW.matcher(payload);
		if (!time.find()) {
			return true;
		}
		LocalDate day = LocalDate.parse(time.group(1));
		return !day.isBefore(from) && !day.isAfter(to);
	}

	/**
	 * Raw (unadjusted) daily bars. {@code /api/kline-history} would give forward-adjusted
	 * ones, so these come from {@code /api/kline-all}.
	 * @param code the instrument
	 * @param from the first day
	 * @param to the last day
	 * @return the bars, oldest first; {@code preClose} is left empty because the
	 * gateway's {@code Last} is the previous bar's unadjusted close
	 */
	public Fetched<DailyBar> dailyBars(TdxCode code, LocalDate from, LocalDate to) {
		return days("/api/kline-all", code, get("/api/kline-all", "code=" + code.wire() + "&type=day"), from, to);
	}

	/**
	 * An index's daily bars from {@code /api/index/all}, its whole history in one call
	 * (indexes are not adjusted).
	 * @param code the index
	 * @param from the first day
	 * @param to the last day
	 * @return the bars, oldest first, without {@code preClose}
	 */
	public Fetched<DailyBar> indexDailyBars(TdxCode code, LocalDate from, LocalDate to) {
		return days("/api/index/all", code, get("/api/index/all", "code=" + code.wire() + "&type=day"), from, to);
	}

	/**
	 * An index's recent daily bars from {@code /api/index}: the last {@value #WINDOW}
	 * days, one raw TDX request, for when the whole history does not come.
	 * @param code the index
	 * @param from the first day
	 * @param to the last day
	 * @return the bars of those days that are among the recent ones, oldest first
	 */
	public Fetched<DailyBar> recentIndexDays(TdxCode code, LocalDate from, LocalDate to) {
		return days("/api/index", code, get("/api/index", "code=" + code.wire() + "&type=day&limit=" + WINDOW), from,
				to);
	}

	/**
	 * Raw daily bars built from the latest {@value #WINDOW} 1-minute bars
	 * ({@code /api/kline-history}, raw for minute types, one call): per day, open of the
	 * first minute, high and low over all, close of the last, volume and amount summed.
	 * That reaches the last three open days or so; the oldest day of a full window is cut
	 * off by it and left out, and so is a day with a rejected minute.
	 * @param code the instrument
	 * @return the days' bars, oldest first
	 */
	public Fetched<DailyBar> daysFromMinutes(TdxCode code) {
		JsonNode data = get("/api/kline-history", "code=" + code.wire() + "&type=minute1&limit=" + WINDOW);
		Fetched<Bar> minutes = read("/api/kline-history", code, list(data), (kline) -> bar(code, kline),
				Comparator.comparing(Bar::end));
		TreeMap<LocalDate, List<Bar>> byDay = new TreeMap<>();
		minutes.items()
			.forEach((bar) -> byDay
				.computeIfAbsent(bar.end().atZone(Units.BEIJING).toLocalDate(), (day) -> new ArrayList<>())
				.add(bar));
		if (minutes.items().size() + minutes.rejected().size() >= WINDOW && !byDay.isEmpty()) {
			byDay.pollFirstEntry();
		}
		Set<LocalDate> spoiled = new HashSet<>();
		for (RejectedRow row : minutes.rejected()) {
			byDay.keySet().stream().filter((day) -> row.payload().contains(day.toString())).forEach(spoiled::add);
		}
		List<DailyBar> days = new ArrayList<>();
		byDay.forEach((day, ofDay) -> {
			if (spoiled.contains(day)) {
				return;
			}
			BigDecimal high = ofDay.get(0).high();
			BigDecimal low = ofDay.get(0).low();
			long volume = 0;
			BigDecimal amount = BigDecimal.ZERO;
			for (Bar bar : ofDay) {
				high = high.max(bar.high());
				low = low.min(bar.low());
				volume += bar.volume();
				amount = amount.add(bar.amount());
			}
			days.add(new DailyBar(code.symbol(), day, ofDay.get(0).open(), high, low,
					ofDay.get(ofDay.size() - 1).close(), null, volume, amount));
		});
		return new Fetched<>(days, minutes.rejected());
	}

	private Fetched<DailyBar> days(String endpoint, TdxCode code, JsonNode data, LocalDate from, LocalDate to) {
		Fetched<DailyBar> bars = read(endpoint, code, list(data), (kline) -> {
			Bar bar = bar(code, kline);
			return new DailyBar(code.symbol(), bar.end().atZone(Units.BEIJING).toLocalDate(), bar.open(), bar.high(),
					bar.low(), bar.close(), null, bar.volume(), bar.amount());
		}, Comparator.comparing(DailyBar::tradeDate));
		return new Fetched<>(bars.items()
			.stream()
			.filter((bar) -> !bar.tradeDate().isBefore(from) && !bar.tradeDate().isAfter(to))
			.toList(), bars.rejected());
	}

	/**
	 * All trades of a past day.
	 * @param code the instrument
	 * @param date the day
	 * @return the trades, oldest first
	 */
	public Fetched<TdxTrade> trades(TdxCode code, LocalDate date) {
		JsonNode data = get("/api/trade", "code=" + code.wire() + "&date=" + Units.compactDate(date));
		// Not once per time: several trades may share one, so equal rows are trades too.
		Fetched<TdxTrade> trades = readAll("/api/trade", code, data.path("List"), (trade) -> {
			BigDecimal price = Units.liToCny(Json.requiredDecimal(trade.get("Price"), "Price").longValueExact());
			long lots = Json.requiredDecimal(trade.get("Volume"), "Volume").longValueExact();
			int side = Json.requiredDecimal(trade.get("Status"), "Status").intValueExact();
			if (price.signum() <= 0 || lots < 0 || side < 0 || side > 2) {
				throw new IllegalArgumentException("price, volume or side is impossible");
			}
			return new TdxTrade(code.symbol(), time(trade), price, lots * 100, side);
		});
		List<TdxTrade> sorted = new ArrayList<>(trades.items());
		sorted.sort(Comparator.comparing(TdxTrade::time));
		return new Fetched<>(sorted, trades.rejected());
	}

	/**
	 * The latest quotes of some A-shares and ETFs from {@code /api/quote}: the TDX
	 * protocol's quote of each code (prices in li, volume in lots), normalized to CNY and
	 * shares. The gateway sends no trade count.
	 * @param symbols at most {@value #QUOTES_PER_CALL} codes in warehouse form
	 * @return the quotes, by symbol; a code the answer names but was not asked for, or
	 * one without a positive price, is rejected
	 */
	public Fetched<RealtimeQuote> quotes(List<String> symbols) {
		if (symbols.isEmpty() || symbols.size() > QUOTES_PER_CALL) {
			throw new IllegalArgumentException(
					"a quote call takes 1.." + QUOTES_PER_CALL + " codes, not " + symbols.size());
		}
		Map<String, String> asked = new java.util.HashMap<>();
		StringBuilder codes = new StringBuilder();
		for (String symbol : symbols) {
			TdxCode code = TdxCode.index(symbol);
			asked.put(symbol.substring(0, 6), symbol);
			codes.append(codes.isEmpty() ? "" : ",").append(code.wire());
		}
		String endpoint = "/api/quote";
		JsonNode data = this.gate.call(endpoint, () -> {
			JsonNode answer = TdxReplies.data(endpoint, this.http.get(endpoint, endpoint + "?code=" + codes, Map.of()));
			if (!answer.isArray()) {
				throw new TransientSourceException(SourceName.TDX, endpoint, "the answer has no list of quotes", null);
			}
			return answer;
		});
		List<RealtimeQuote> quotes = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		for (JsonNode row : data) {
			String symbol = asked.get(row.path("Code").asString(""));
			try {
				if (symbol == null) {
					throw new IllegalArgumentException("a quote of a code not asked for");
				}
				quotes.add(quote(symbol, row));
			}
			catch (RuntimeException ex) {
				rejected.add(rejected(endpoint, symbol, ex.getMessage(), row));
			}
		}
		quotes.sort(Comparator.comparing(RealtimeQuote::symbol));
		return new Fetched<>(quotes, rejected);
	}

	private static RealtimeQuote quote(String symbol, JsonNode row) {
		JsonNode k = row.path("K");
		BigDecimal price = li(k, "Close");
		if (price.signum() <= 0) {
			throw new IllegalArgumentException("price " + price.toPlainString() + " is not positive");
		}
		long shares = Units.lotsToShares(Json.requiredDecimal(row.get("TotalHand"), "TotalHand"));
		return new RealtimeQuote(symbol, li(k, "Last"), li(k, "Open"), li(k, "High"), li(k, "Low"), price, shares,
				Json.requiredDecimal(row.get("Amount"), "Amount"), null);
	}

	/**
	 * The trading days between two days, as the gateway derives them from the SSE
	 * Composite's bars (so only past days).
	 * @param start the first day
	 * @param end the last day
	 * @return the trading days, oldest first
	 */
	public List<LocalDate> tradingDays(LocalDate start, LocalDate end) {
		JsonNode data = get("/api/workday/range",
				"start=" + Units.compactDate(start) + "&end=" + Units.compactDate(end));
		List<LocalDate> days = new ArrayList<>();
		for (JsonNode day : data.path("list")) {
			days.add(Units.compactDate(Json.requiredText(day.get("numeric"), "numeric")));
		}
		days.sort(Comparator.naturalOrder());
		return days;
	}

	/**
	 * The A-share calendar of a window as the gateway knows it. The gateway lists open
	 * days only, derived from the index's bars, so it cannot know days after the last one
	 * with bars: those are left out rather than called closed, and so is the whole window
	 * when it reports no day at all. It reaches back a month so that the first days get
	 * their previous open day.
	 * <p>
	 * Weekdays it does not list read as closed, except a run of more than
	 * {@value #LONGEST_CLOSURE_WEEKDAYS} of them, longer than any closure of the
	 * exchanges: that is a hole in the gateway's own store, so those days (and the
	 * weekends among them) are left out as unknown, and the open day after them gets no
	 * previous open day. A shorter hole cannot be told from a holiday by this answer
	 * alone and reads as closed days.
	 * @param exchange the exchange to file the days under
	 * @param start the first day
	 * @param end the last day
	 * @return the days from {@code start} to the last day the gateway knows, oldest
	 * first, without the days of a hole
	 */
	public List<TradingDay> calendar(String exchange, LocalDate start, LocalDate end) {
		LocalDate from = start.minusDays(31);
		// A little past the end: an open day after it tells that the days before it, back
		// to the last open day in the window, were closed.
		return calendarOf(exchange, from, start, end, tradingDays(from, end.plusDays(14)));
	}

	/**
	 * The calendar days that a list of open days tells, as {@link #calendar} describes.
	 * @param exchange the exchange to file the days under
	 * @param from the first day the open days were asked for
	 * @param start the first day to return
	 * @param end the last day the open days were asked for
	 * @param reported the open days the gateway listed
	 * @return the days from {@code start} to the last reported open day (to {@code end}
	 * when an open day after it was reported), oldest first, without those of a run of
	 * missing weekdays longer than any closure
	 */
	static List<TradingDay> calendarOf(String exchange, LocalDate from, LocalDate start, LocalDate end,
			List<LocalDate> reported) {
		TreeSet<LocalDate> open = new TreeSet<>(reported);
		List<TradingDay> days = new ArrayList<>();
		LocalDate previous = null;
		// The last day accounted for; the window's start counts as the edge of a run too.
		LocalDate before = from.minusDays(1);
		for (LocalDate openDay : open.subSet(from, true, end, true)) {
			if (weekdaysBetween(before, openDay) > LONGEST_CLOSURE_WEEKDAYS) {
				// Open days may hide in the hole, so the one before this day is unknown.
				previous = null;
			}
			else {
				for (LocalDate day = before.plusDays(1); day.isBefore(openDay); day = day.plusDays(1)) {
					if (!day.isBefore(start)) {
						days.add(new TradingDay(exchange, day, false, previous));
					}
				}
			}
			if (!openDay.isBefore(start)) {
				days.add(new TradingDay(exchange, openDay, true, previous));
			}
			previous = openDay;
			before = openDay;
		}
		// The days after the window's last open day are closed when the gateway reported
		// an
		// open day after the window, not too far away; otherwise they are not known yet.
		LocalDate next = open.higher(end);
		if (next != null && weekdaysBetween(before, next) <= LONGEST_CLOSURE_WEEKDAYS) {
			for (LocalDate day = before.plusDays(1); !day.isAfter(end); day = day.plusDays(1)) {
				if (!day.isBefore(start)) {
					days.add(new TradingDay(exchange, day, false, previous));
				}
			}
		}
		return days;
	}

	// Weekdays strictly between two days: the exchanges never open on a weekend, make-up
	// working Saturdays included, so only weekdays can be missing.
	private static int weekdaysBetween(LocalDate first, LocalDate last) {
		int weekdays = 0;
		for (LocalDate day = first.plusDays(1); day.isBefore(last); day = day.plusDays(1)) {
			if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
				weekdays++;
			}
		}
		return weekdays;
	}

	private JsonNode get(String endpoint, String query) {
		return this.gate.call(endpoint, () -> {
			JsonNode data = TdxReplies.data(endpoint, this.http.get(endpoint, endpoint + "?" + query, Map.of()));
			if (!data.isObject()) {
				throw new TransientSourceException(SourceName.TDX, endpoint, "the answer has no data object", null);
			}
			return data;
		});
	}

	private static JsonNode list(JsonNode data) {
		// Protocol structs use Go field names ("List"); handler-built maps use "list".
		return data.has("List") ? data.path("List") : data.path("list");
	}

	private Bar bar(TdxCode code, JsonNode kline) {
		BigDecimal open = li(kline, "Open");
		BigDecimal high = li(kline, "High");
		BigDecimal low = li(kline, "Low");
		BigDecimal close = li(kline, "Close");
		BigDecimal volume = Json.requiredDecimal(kline.get("Volume"), "Volume");
		long shares = code.index() ? Units.wholeShares(volume) : Units.lotsToShares(volume);
		Bar bar = new Bar(code.symbol(), time(kline), open, high, low, close, shares, li(kline, "Amount"));
		String reason = bar.implausibility();
		if (reason != null) {
			throw new IllegalArgumentException(reason);
		}
		return bar;
	}

	private static BigDecimal li(JsonNode node, String field) {
		return Units.liToCny(Json.requiredDecimal(node.get(field), field).longValueExact());
	}

	private static Instant time(JsonNode node) {
		return OffsetDateTime.parse(Json.requiredText(node.get("Time"), "Time"), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
			.toInstant();
	}

	private static void requireIntraday(String type) {
		if (!INTRADAY_TYPES.contains(type)) {
			throw new IllegalArgumentException(
					"'" + type + "' is not an intraday bar type; use one of " + INTRADAY_TYPES);
		}
	}

	/**
	 * Reads the rows of an answer into items sorted by a key, each key once (see
	 * {@link Fetched#oncePerKey}).
	 */
	private <T> Fetched<T> read(String endpoint, TdxCode code, JsonNode rows, Function<JsonNode, T> reader,
			Comparator<T> key) {
		return readAll(endpoint, code, rows, reader).oncePerKey(key, SourceName.TDX.key(), endpoint,
				(item) -> code.symbol());
	}

	private <T> Fetched<T> readAll(String endpoint, TdxCode code, JsonNode rows, Function<JsonNode, T> reader) {
		List<T> items = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		String absent = null;
		Set<String> sent = Set.of();
		for (JsonNode row : rows) {
			try {
				items.add(reader.apply(row));
			}
			catch (RuntimeException ex) {
				rejected.add(rejected(endpoint, code.symbol(), ex.getMessage(), row));
				String column = AnswerShape.missingColumn(ex);
				if (absent == null && column != null && !row.has(column)) {
					absent = column;
					sent = new TreeSet<>(row.propertyNames());
				}
			}
		}
		// A field no row has is a change of the gateway's format, not a day of bad rows.
		if (absent != null && items.isEmpty()) {
			AnswerShape.requireColumns(SourceName.TDX, endpoint, sent, List.of(absent));
		}
		return new Fetched<>(items, rejected);
	}

	private static RejectedRow rejected(String endpoint, String symbol, String reason, JsonNode row) {
		return new RejectedRow(SourceName.TDX.key(), endpoint, symbol, reason, row.toString());
	}

}
