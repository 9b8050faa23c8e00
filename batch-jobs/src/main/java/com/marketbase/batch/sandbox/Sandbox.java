package com.marketbase.batch.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for Tushare Pro, the TDX gateway and Eastmoney, over real HTTP on one
 * loopback port, each protocol at its real path: Tushare at {@code /} and
 * {@code /dataapi}, the TDX gateway under {@code /api/}, Eastmoney at {@code /f10/lsjz},
 * {@code /mm/newCore/FundValuationLast} and the retired {@code /js/{code}.js} (which
 * redirects to {@code /notfound.html} on the sandbox). A connector is pointed at it by
 * its base URL alone.
 * <p>
 * It counts calls per endpoint ({@code tushare:daily}, {@code tdx:/api/minute},
 * {@code eastmoney:f10/lsjz}, {@code eastmoney:FundValuationLast},
 * {@code eastmoney:fundgz}, {@code eastmoney:notfound.html}) and the rate-limit answers
 * it gave, and misbehaves on request: faults are injected per endpoint for the next
 * calls, optionally only for the calls that carry one parameter value (the request a test
 * means them for), or at random at a configured rate.
 * <p>
 * It has a clock, {@link #timeOfDay(LocalTime)}, for the answers that depend on the hour:
 * Eastmoney's estimates follow it through the session, a fund's NAV of the day is out
 * from 20:00, and today's 1-minute bars (Tushare's {@code stk_mins}, the gateway's
 * minutes) are published as each minute ends. Without a time, the day is over.
 * <p>
 * It uses the JDK's own HTTP server: it needs no dependency, starts in milliseconds, and
 * its plain blocking handlers are all a simulator needs. A stalled call holds no thread,
 * only its open connection, and closing the sandbox drops it.
 */
public final class Sandbox implements AutoCloseable {

	static {
		// The JDK server leaves Nagle's algorithm on, so every small answer waits for the
		// client's delayed ACK (about 40 ms). It reads this once, before its first
		// server.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	// The first number of a Tushare answer's first row, after its text columns.
	private static final Pattern NUMBER_AFTER_ROW_START = Pattern
		.compile("(\"items\"\\s*:\\s*\\[\\s*\\[(?:\\s*\"[^\"]*\"\\s*,)+\\s*)-?[0-9.]+");

	private static final String VALUATION_PATH = "/mm/newCore/FundValuationLast";

	private static final Logger logger = LoggerFactory.getLogger(Sandbox.class);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/**
	 * How close, in percent of the published NAV, an estimate of a fund's NAV from its
	 * disclosed holdings always lands: the weights from {@code fund_portfolio}'s
	 * {@code stk_mkv_ratio}, each holding's return from its last one-minute close of the
	 * day over the day's {@code pre_close}, applied to the previous NAV from
	 * {@code lsjz}.
	 * <p>
	 * Three things part the estimate from the NAV, as fractions of the previous NAV. The
	 * undisclosed rest of the portfolio moves the NAV by a daily noise of standard
	 * deviation 0.06 %, clipped at four standard deviations: at most 0.24 %. Each
	 * disclosed weight is rounded by at most 0.005 %, which over ten holdings moving at
	 * most 30 % (the Beijing limit) is 0.015 %. The NAV is rounded to 0.0001 CNY, at most
	 * 0.017 % of the 0.3 CNY floor. Those 0.272 % stay under 0.30 % of the day's own NAV
	 * on every day the fund falls by less than 10 %; a ten-stock synthetic portfolio
	 * moves about 0.5 % a day and less than 3 % on its worst day, and the largest gap
	 * measured over every fund and day of five seeds is 0.244 %.
	 */
	public static final double FUND_ESTIMATE_TOLERANCE_PERCENT = 0.30;

	private final SandboxSettings settings;

	private final Universe universe;

	private volatile @Nullable LocalTime timeOfDay;

	private volatile int eastmoneyCallsPerMinute;

	private final java.util.ArrayDeque<Long> eastmoneyWindow = new java.util.ArrayDeque<>();

	private final HttpServer server;

	private final ExecutorService executor;

	private final ScheduledExecutorService stallTimer;

	private final Set<HttpExchange> stalled = ConcurrentHashMap.newKeySet();

	private final TushareSimulator tushare;

	private final TdxSimulator tdx;

	private final EastmoneySimulator eastmoney;

	private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

	private final Map<String, List<Injection>> injected = new ConcurrentHashMap<>();

	private final SplittableRandom faultDice;

	private final CountDownLatch closing = new CountDownLatch(1);

	private final CountDownLatch closed = new CountDownLatch(1);

	private Sandbox(SandboxSettings settings) throws IOException {
		this.settings = settings;
		Universe universe = new Universe(settings);
		this.universe = universe;
		SyntheticMarket market = new SyntheticMarket(settings.seed(), universe.ordinaryStocks());
		this.tushare = new TushareSimulator(settings, universe, market, this::timeOfDay);
		this.tdx = new TdxSimulator(settings, universe, market, this::timeOfDay);
		this.eastmoney = new EastmoneySimulator(settings, universe, market, this::timeOfDay);
		this.faultDice = new SplittableRandom(settings.seed());
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "sandbox-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.stallTimer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sandbox-stalls");
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Starts a sandbox.
	 * @param settings its settings
	 * @return the running sandbox
	 */
	public static Sandbox start(SandboxSettings settings) {
		try {
			Sandbox sandbox = new Sandbox(settings);
			logger.info("Source sandbox listening on {} (seed {}, today {})", sandbox.baseUrl(), settings.seed(),
					settings.today());
			return sandbox;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the source sandbox on port " + settings.port(), ex);
		}
	}

	public SandboxSettings settings() {
		return this.settings;
	}

	/**
	 * The base URL every connector is pointed at.
	 * @return for example {@code http://127.0.0.1:7700}
	 */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + port());
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Makes Tushare's realtime APIs ({@code rt_k}) refuse beyond a number of calls an
	 * hour per token, with the source's own "每小时最多访问该接口N次".
	 * @param callsPerHour the calls an hour; 0 (the default) for no hourly limit
	 */
	public void limitRealtime(int callsPerHour) {
		this.tushare.limitRealtime(callsPerHour);
	}

	/**
	 * Makes Tushare's {@code stk_mins} answers of 5 to 60 minutes follow another source's
	 * conventions: the opening auction as a bar of its own labelled 09:30 (as the
	 * 1-minute answers always have it), and hour bars labelled by their start (09:30,
	 * 10:30, 13:00, 14:00) instead of their end.
	 * @param separateAuctionBar whether the auction is its own bar
	 * @param hourBarsByStart whether hour bars are labelled by their start
	 */
	public void minuteConventions(boolean separateAuctionBar, boolean hourBarsByStart) {
		this.tushare.minuteConventions(separateAuctionBar, hourBarsByStart);
	}

	/**
	 * Corrects one 1-minute bar after the fact, as a source does when it revises data it
	 * has served: from now on Tushare's {@code stk_mins} answers, of every length, carry
	 * the new close (the high or low moving with it where it leaves them).
	 * @param symbol the instrument
	 * @param minuteEnd the bar's end, Beijing time, in Tushare's layout (09:31 is the
	 * first bar after the auction)
	 * @param close the new close in CNY
	 */
	public void revise(String symbol, LocalDateTime minuteEnd, BigDecimal close) {
		this.tushare.revise(symbol, minuteEnd, close.movePointRight(3).longValueExact());
	}

	/**
	 * Sets the sandbox's time of day on its {@link SandboxSettings#today() today},
	 * Beijing time. Before 09:30 Eastmoney's estimates are still the last session's; from
	 * 09:30 to 15:00 they follow the clock; a fund's NAV of today is out from 20:00.
	 * Nothing else depends on it.
	 * @param time the time, or {@code null} (the default) for a day that is over: every
	 * answer as after 20:00
	 */
	public void timeOfDay(@Nullable LocalTime time) {
		this.timeOfDay = time;
	}

	/**
	 * The sandbox's time of day.
	 * @return the time, or {@code null} when the day is over
	 */
	public @Nullable LocalTime timeOfDay() {
		return this.timeOfDay;
	}

	/**
	 * The OTC funds and what kind each is: every fifth fund is a money-market fund, and
	 * of the others every third from the first (positions 0, 3, 6, ... among the
	 * non-money funds) is index-like, the only ones {@code FundValuationLast} estimates.
	 * {@code fund_basic} with market O tells them apart too, by {@code invest_type}
	 * (被动指数型, 混合型, 货币型).
	 * @return the style of each fund by its six-digit code, in the universe's order
	 */
	public Map<String, FundStyle> funds() {
		Map<String, FundStyle> funds = new LinkedHashMap<>();
		for (SimulatedInstrument fund : this.universe.all()) {
			if (fund.kind() == InstrumentKind.FUND || fund.kind() == InstrumentKind.MONEY_FUND) {
				funds.put(fund.digits(), this.universe.fundStyle(fund));
			}
		}
		return Collections.unmodifiableMap(funds);
	}

	/**
	 * Limits the calls to Eastmoney's endpoints, all together, over the settings' quota
	 * window (a minute unless shortened): a call beyond it is refused with HTTP 429 and
	 * counted as rate-limited. Eastmoney states no quota of its own; this stands for the
	 * rate at which it starts refusing a client.
	 * @param callsPerMinute the calls per window; 0 (the default) for no limit
	 */
	public void limitEastmoney(int callsPerMinute) {
		this.eastmoneyCallsPerMinute = Math.max(0, callsPerMinute);
	}

	private boolean withinEastmoneyQuota(int limit) {
		long now = System.nanoTime();
		synchronized (this.eastmoneyWindow) {
			while (!this.eastmoneyWindow.isEmpty()
					&& now - this.eastmoneyWindow.peekFirst() >= this.settings.quotaWindow().toNanos()) {
				this.eastmoneyWindow.pollFirst();
			}
			if (this.eastmoneyWindow.size() >= limit) {
				return false;
			}
			this.eastmoneyWindow.addLast(now);
			return true;
		}
	}

	/**
	 * Calls received by an endpoint, including refused ones.
	 * @param endpoint for example {@code tushare:daily} or {@code tdx:/api/minute}
	 * @return the count
	 */
	public long calls(String endpoint) {
		LongAdder count = this.calls.get(endpoint);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Rate-limit answers an endpoint gave.
	 * @param endpoint for example {@code tushare:daily}
	 * @return the count
	 */
	public long rateLimited(String endpoint) {
		return calls(endpoint + ":rate-limited");
	}

	/**
	 * All counts, by endpoint.
	 * @return the counts, sorted by key
	 */
	public Map<String, Long> counts() {
		Map<String, Long> counts = new TreeMap<>();
		this.calls.forEach((key, count) -> counts.put(key, count.sum()));
		return counts;
	}

	/**
	 * Makes the next calls of an endpoint misbehave, whatever they ask for. Faults are
	 * served in the order they were injected.
	 * @param endpoint as for {@link #calls(String)}
	 * @param fault the fault
	 * @param times for how many calls
	 */
	public void inject(String endpoint, SandboxFault fault, int times) {
		add(endpoint, new Injection(null, null, fault, times));
	}

	/**
	 * Makes the next calls of an endpoint misbehave that carry a parameter with a given
	 * value, and no other call: a fault meant for one request is not taken by another
	 * request to the same endpoint, only by that request again (a retry).
	 * @param endpoint as for {@link #calls(String)}
	 * @param parameter the parameter: one of the query for the TDX gateway and Eastmoney
	 * (for example {@code code}, {@code fundCode} or {@code FCODES}, whose value is then
	 * the whole list as sent), one of the body's {@code params} for Tushare (for example
	 * {@code ts_code} or {@code trade_date})
	 * @param value the value the parameter must have, for example {@code 600000.SH}
	 * @param fault the fault
	 * @param times for how many such calls
	 */
	public void inject(String endpoint, String parameter, String value, SandboxFault fault, int times) {
		add(endpoint, new Injection(Objects.requireNonNull(parameter), Objects.requireNonNull(value), fault, times));
	}

	/**
	 * Forgets the injected faults no call has taken yet, so that what one test injected
	 * and did not use cannot reach the next one.
	 */
	public void clearFaults() {
		this.injected.values().forEach((injections) -> {
			synchronized (injections) {
				injections.clear();
			}
		});
	}

	private void add(String endpoint, Injection injection) {
		if (injection.remaining <= 0) {
			return;
		}
		List<Injection> injections = this.injected.computeIfAbsent(endpoint, (key) -> new ArrayList<>());
		synchronized (injections) {
			injections.add(injection);
		}
	}

	/**
	 * Poisons an instrument: from now on every daily row Tushare sends for it is
	 * impossible (high below low), so a loader rejects it on every attempt.
	 * @param symbol the instrument, for example {@code 600004.SH}
	 */
	public void poison(String symbol) {
		this.tushare.poison(symbol);
	}

	/**
	 * Gives the TDX gateway's own store a hole, as a gateway that missed some days of the
	 * SSE Composite has: {@code /api/workday/range} leaves out the open days from
	 * {@code first} to {@code last}, as if they had no bars. Other endpoints are not
	 * affected.
	 * @param first the first day missing
	 * @param last the last day missing
	 */
	public void dropTdxWorkdays(LocalDate first, LocalDate last) {
		this.tdx.dropWorkdays(first, last);
	}

	/**
	 * Blocks until the sandbox is closed.
	 * @throws InterruptedException when interrupted first
	 */
	public void awaitClose() throws InterruptedException {
		this.closed.await();
	}

	/**
	 * Stops the server. Calls stalled by {@link SandboxFault#TIMEOUT} or waiting out the
	 * latency end at once, their connections dropped without an answer.
	 */
	@Override
	public void close() {
		this.closing.countDown();
		// The listener closes first: the JDK client retries a GET whose connection
		// drops, and a retry that found the server still listening would be answered.
		this.server.stop(0);
		this.stallTimer.shutdownNow();
		for (HttpExchange exchange : List.copyOf(this.stalled)) {
			drop(exchange);
		}
		this.executor.shutdownNow();
		this.closed.countDown();
	}

	private void handle(HttpExchange exchange) throws IOException {
		boolean stalling = false;
		try {
			SandboxRequest request = new SandboxRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					SandboxRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
					exchange.getRequestHeaders().getFirst("Referer") == null ? ""
							: exchange.getRequestHeaders().getFirst("Referer"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			String endpoint = endpointOf(request);
			count(endpoint);
			pause(this.settings.latency());
			SandboxFault fault = (endpoint != null) ? nextFault(endpoint, request) : null;
			if (fault == SandboxFault.RESET) {
				// The JDK server drops the connection when a handler fails.
				throw new IllegalStateException("sandbox fault: connection reset");
			}
			if (fault == SandboxFault.TIMEOUT && !this.settings.stallFor().isZero()
					&& !this.settings.stallFor().isNegative()) {
				stalling = stall(exchange, request, endpoint);
				return;
			}
			respond(exchange, request, endpoint, fault);
		}
		finally {
			if (!stalling) {
				// Closing an exchange that has not answered (a call that failed) drops
				// its
				// connection.
				exchange.close();
			}
		}
	}

	/**
	 * Stalls a call without holding a thread: its exchange stays open and unanswered, and
	 * is answered when the stall ends or dropped when the sandbox closes first. The JDK
	 * server does not tell a handler that its client hung up, so a thread waiting out the
	 * stall would outlive a client that gave up; an open exchange costs nothing but its
	 * connection.
	 * @return whether the call is stalled; {@code false} when the sandbox is closing
	 */
	private boolean stall(HttpExchange exchange, SandboxRequest request, String endpoint) {
		this.stalled.add(exchange);
		try {
			this.stallTimer.schedule(() -> {
				if (this.stalled.remove(exchange)) {
					answerLater(exchange, request, endpoint);
				}
			}, this.settings.stallFor().toNanos(), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.stalled.remove(exchange);
			return false;
		}
	}

	private void answerLater(HttpExchange exchange, SandboxRequest request, String endpoint) {
		try {
			this.executor.execute(() -> {
				try (exchange) {
					respond(exchange, request, endpoint, SandboxFault.TIMEOUT);
				}
				catch (IOException | RuntimeException ex) {
					// The client gave up on the stall long ago, or the sandbox is
					// closing.
					logger.debug("A stalled answer could not be sent: {}", ex.toString());
				}
			});
		}
		catch (RejectedExecutionException ex) {
			exchange.close();
		}
	}

	private void drop(HttpExchange exchange) {
		if (this.stalled.remove(exchange)) {
			exchange.close();
		}
	}

	private void respond(HttpExchange exchange, SandboxRequest request, String endpoint, SandboxFault fault)
			throws IOException {
		SandboxAnswer answer = answer(request, fault);
		if (answer.rateLimited()) {
			count(endpoint + ":rate-limited");
		}
		byte[] body = answer.body();
		if (fault == SandboxFault.MALFORMED_JSON) {
			body = Arrays.copyOf(body, body.length * 2 / 3);
		}
		if (fault == SandboxFault.DUPLICATE_ROW) {
			body = duplicated(body);
		}
		if (fault == SandboxFault.NAN_PRICE || fault == SandboxFault.RENAMED_COLUMN) {
			body = changedShape(new String(body, StandardCharsets.UTF_8), fault).getBytes(StandardCharsets.UTF_8);
		}
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		answer.headers().forEach(exchange.getResponseHeaders()::set);
		if (fault == SandboxFault.TRICKLE) {
			trickle(exchange, answer.status(), body);
			return;
		}
		exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			OutputStream out = exchange.getResponseBody();
			out.write(body, 0, (fault == SandboxFault.TRUNCATED) ? body.length / 2 : body.length);
			out.flush();
		}
	}

	// Chunked, so that no length tells the client how long it will wait; ends when the
	// client hangs up or the sandbox closes.
	private void trickle(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, 0);
		OutputStream out = exchange.getResponseBody();
		for (int i = 0; this.closing.getCount() > 0; i = (i + 1) % Math.max(1, body.length)) {
			out.write((body.length == 0) ? ' ' : body[i]);
			out.flush();
			pause(Duration.ofMillis(200));
		}
	}

	// The answer with its first row sent again right after it with one value changed:
	// Tushare's vol, the gateway's Number, Eastmoney's DWJZ or GSZ (Eastmoney has no
	// volumes).
	private static byte[] duplicated(byte[] body) {
		JsonNode root = MAPPER.readTree(body);
		if (root.path("data").path("items") instanceof ArrayNode items && !items.isEmpty()) {
			int vol = 0;
			while (vol < root.path("data").path("fields").size()
					&& !"vol".equals(root.path("data").path("fields").get(vol).asString())) {
				vol++;
			}
			ArrayNode again = (ArrayNode) items.get(0).deepCopy();
			again.set(vol, MAPPER.getNodeFactory().numberNode(again.get(vol).asDouble() + 100));
			items.insert(1, again);
		}
		if (root.path("data").path("List") instanceof ArrayNode points && !points.isEmpty()) {
			ObjectNode again = (ObjectNode) points.get(0).deepCopy();
			again.put("Number", again.get("Number").asLong() + 1);
			points.insert(1, again);
		}
		if (root.path("Data").path("LSJZList") instanceof ArrayNode navs && !navs.isEmpty()) {
			ObjectNode again = (ObjectNode) navs.get(0).deepCopy();
			again.put("DWJZ",
					new BigDecimal(again.get("DWJZ").asString()).add(new BigDecimal("0.0100")).toPlainString());
			navs.insert(1, again);
			((ObjectNode) root).put("TotalCount", root.path("TotalCount").asInt() + 1);
		}
		if (root.path("data") instanceof ArrayNode estimates && !estimates.isEmpty()
				&& estimates.get(0).path("GSZ").isString()) {
			ObjectNode again = (ObjectNode) estimates.get(0).deepCopy();
			again.put("GSZ", new BigDecimal(again.get("GSZ").asString()).add(new BigDecimal("0.0100")).toPlainString());
			estimates.insert(1, again);
			((ObjectNode) root).put("totalCount", root.path("totalCount").asInt() + 1);
		}
		return MAPPER.writeValueAsBytes(root);
	}

	// The answer as a source that changed it would send it.
	private static String changedShape(String body, SandboxFault fault) {
		if (fault == SandboxFault.RENAMED_COLUMN) {
			return body.replaceFirst("\"vol\"", "\"volume\"")
				.replace("\"Price\":", "\"Cost\":")
				.replace("\"DWJZ\":", "\"NAV\":")
				.replace("\"GSZ\":", "\"ESTIMATE\":");
		}
		// Tushare's first row: ["600000.SH","2026-11-20 15:00:00",7.35,... ; the
		// gateway's
		// and Eastmoney's first price field.
		return NUMBER_AFTER_ROW_START.matcher(body)
			.replaceFirst("$1NaN")
			.replaceFirst("(\"Price\":)-?[0-9.]+", "$1NaN")
			.replaceFirst("(\"DWJZ\":)\"[0-9.]+\"", "$1\"NaN\"")
			.replaceFirst("(\"GSZ\":)\"[0-9.]+\"", "$1\"NaN\"");
	}

	private SandboxAnswer answer(SandboxRequest request, SandboxFault fault) {
		String endpoint = endpointOf(request);
		int limit = this.eastmoneyCallsPerMinute;
		if (limit > 0 && endpoint != null && endpoint.startsWith("eastmoney:") && !withinEastmoneyQuota(limit)) {
			// Eastmoney publishes no quota; a client that presses too hard gets refused
			// (or banned) at the edge, as HTTP 429 here.
			return SandboxAnswer.text(429, "text/html", "<html><body>429 Too Many Requests</body></html>")
				.asRateLimited();
		}
		if (fault == SandboxFault.HTTP_500) {
			return SandboxAnswer.text(500, "text/plain", "");
		}
		if (fault == SandboxFault.HTTP_502) {
			return SandboxAnswer.text(502, "text/html",
					"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
		}
		if (fault == SandboxFault.HTML) {
			return SandboxAnswer.text(200, "text/html; charset=utf-8",
					"<!DOCTYPE html><html><head><title>访问受限</title></head><body>请稍后再试</body></html>");
		}
		if (fault == SandboxFault.EMPTY_ANSWER && request.path().startsWith("/api/")) {
			return this.tdx.empty(request);
		}
		return protocolAnswer(request, fault == SandboxFault.IMPOSSIBLE_ROWS);
	}

	private SandboxAnswer protocolAnswer(SandboxRequest request, boolean corrupt) {
		String path = request.path();
		if (path.startsWith("/api/")) {
			return this.tdx.answer(request, corrupt);
		}
		if (path.equals("/f10/lsjz")) {
			return this.eastmoney.navHistory(request, corrupt);
		}
		if (path.equals(VALUATION_PATH)) {
			return this.eastmoney.valuation(request, corrupt);
		}
		if (path.startsWith("/js/") && path.endsWith(".js")) {
			return this.eastmoney.retiredEstimate();
		}
		if (path.equals("/notfound.html")) {
			return this.eastmoney.notFoundPage();
		}
		if (isTushare(path)) {
			return this.tushare.answer(request, corrupt);
		}
		return SandboxAnswer.text(404, "text/plain; charset=utf-8", "404 page not found\n");
	}

	private static boolean isTushare(String path) {
		return path.equals("/") || path.equals("/dataapi") || path.startsWith("/dataapi/");
	}

	private String endpointOf(SandboxRequest request) {
		String path = request.path();
		if (path.startsWith("/api/")) {
			return "tdx:" + path;
		}
		if (path.equals("/f10/lsjz")) {
			return "eastmoney:f10/lsjz";
		}
		if (path.equals(VALUATION_PATH)) {
			return "eastmoney:FundValuationLast";
		}
		if (path.startsWith("/js/")) {
			return "eastmoney:fundgz";
		}
		if (path.equals("/notfound.html")) {
			return "eastmoney:notfound.html";
		}
		if (isTushare(path)) {
			return "tushare:" + TushareSimulator.apiName(request);
		}
		return null;
	}

	private void count(String endpoint) {
		if (endpoint != null) {
			this.calls.computeIfAbsent(endpoint, (key) -> new LongAdder()).increment();
		}
	}

	private SandboxFault nextFault(String endpoint, SandboxRequest request) {
		List<Injection> injections = this.injected.get(endpoint);
		if (injections != null) {
			synchronized (injections) {
				Iterator<Injection> pending = injections.iterator();
				while (pending.hasNext()) {
					Injection injection = pending.next();
					if (injection.parameter == null
							|| injection.value.equals(parameterOf(request, injection.parameter))) {
						injection.remaining--;
						if (injection.remaining == 0) {
							pending.remove();
						}
						return injection.fault;
					}
				}
			}
		}
		if (this.settings.faultRate() > 0) {
			synchronized (this.faultDice) {
				if (this.faultDice.nextDouble() < this.settings.faultRate()) {
					SandboxFault[] faults = this.settings.randomFaults().stream().sorted().toArray(SandboxFault[]::new);
					return (faults.length > 0) ? faults[this.faultDice.nextInt(faults.length)] : null;
				}
			}
		}
		return null;
	}

	private static String parameterOf(SandboxRequest request, String name) {
		return isTushare(request.path()) ? TushareSimulator.param(request, name) : request.param(name);
	}

	/**
	 * Waits out the latency, until the sandbox closes at the latest: a call whose wait
	 * the closing (or an interrupt) cut short fails, and so ends without an answer.
	 */
	private void pause(Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			return;
		}
		try {
			if (this.closing.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
				throw new IllegalStateException("sandbox closed while a call waited");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while a call waited", ex);
		}
	}

	/**
	 * Faults injected for the next calls of one endpoint: all of them, or those whose
	 * parameter has a value.
	 */
	private static final class Injection {

		private final @Nullable String parameter;

		private final @Nullable String value;

		private final SandboxFault fault;

		private int remaining;

		Injection(@Nullable String parameter, @Nullable String value, SandboxFault fault, int times) {
			this.parameter = parameter;
			this.value = value;
			this.fault = fault;
			this.remaining = times;
		}

	}

}
