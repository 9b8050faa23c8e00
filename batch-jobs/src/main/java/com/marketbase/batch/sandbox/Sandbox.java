package com.marketbase.batch.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Tushare Pro, the TDX gateway and Eastmoney, over real HTTP on one
 * loopback port, each protocol at its real path: Tushare at {@code /} and
 * {@code /dataapi}, the TDX gateway under {@code /api/}, Eastmoney at {@code /f10/lsjz}
 * and {@code /js/{code}.js}. A connector is pointed at it by its base URL alone.
 * <p>
 * It counts calls per endpoint ({@code tushare:daily}, {@code tdx:/api/minute},
 * {@code eastmoney:f10/lsjz}, {@code eastmoney:fundgz}) and the rate-limit answers it
 * gave, and misbehaves on request: faults are injected per endpoint for the next calls,
 * or at random at a configured rate.
 * <p>
 * It uses the JDK's own HTTP server: it needs no dependency, starts in milliseconds, and
 * its plain blocking handlers are all a simulator needs.
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

	private static final Logger logger = LoggerFactory.getLogger(Sandbox.class);

	private final SandboxSettings settings;

	private final HttpServer server;

	private final ExecutorService executor;

	private final TushareSimulator tushare;

	private final TdxSimulator tdx;

	private final EastmoneySimulator eastmoney;

	private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

	private final Map<String, Deque<SandboxFault>> injected = new ConcurrentHashMap<>();

	private final SplittableRandom faultDice;

	private final CountDownLatch closed = new CountDownLatch(1);

	private Sandbox(SandboxSettings settings) throws IOException {
		this.settings = settings;
		Universe universe = new Universe(settings);
		SyntheticMarket market = new SyntheticMarket(settings.seed());
		this.tushare = new TushareSimulator(settings, universe, market);
		this.tdx = new TdxSimulator(settings, universe, market);
		this.eastmoney = new EastmoneySimulator(settings, universe, market);
		this.faultDice = new SplittableRandom(settings.seed());
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "sandbox-" + threads.incrementAndGet());
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
	 * Makes the next calls of an endpoint misbehave.
	 * @param endpoint as for {@link #calls(String)}
	 * @param fault the fault
	 * @param times for how many calls
	 */
	public void inject(String endpoint, SandboxFault fault, int times) {
		Deque<SandboxFault> queue = this.injected.computeIfAbsent(endpoint, (key) -> new ArrayDeque<>());
		synchronized (queue) {
			for (int i = 0; i < times; i++) {
				queue.add(fault);
			}
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
	 * Blocks until the sandbox is closed.
	 * @throws InterruptedException when interrupted first
	 */
	public void awaitClose() throws InterruptedException {
		this.closed.await();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		this.closed.countDown();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			SandboxRequest request = new SandboxRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					SandboxRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
					exchange.getRequestHeaders().getFirst("Referer") == null ? ""
							: exchange.getRequestHeaders().getFirst("Referer"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			String endpoint = endpointOf(request);
			count(endpoint);
			pause(this.settings.latency().toMillis());
			SandboxFault fault = (endpoint != null) ? nextFault(endpoint) : null;
			if (fault == SandboxFault.RESET) {
				// The JDK server drops the connection when a handler fails.
				throw new IllegalStateException("sandbox fault: connection reset");
			}
			if (fault == SandboxFault.TIMEOUT) {
				pause(this.settings.stallFor().toMillis());
			}
			SandboxAnswer answer = answer(request, fault);
			if (answer.rateLimited()) {
				count(endpoint + ":rate-limited");
			}
			byte[] body = answer.body();
			if (fault == SandboxFault.MALFORMED_JSON) {
				body = Arrays.copyOf(body, body.length * 2 / 3);
			}
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				OutputStream out = exchange.getResponseBody();
				out.write(body, 0, (fault == SandboxFault.TRUNCATED) ? body.length / 2 : body.length);
				out.flush();
			}
		}
	}

	private SandboxAnswer answer(SandboxRequest request, SandboxFault fault) {
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
		if (path.startsWith("/js/") && path.endsWith(".js")) {
			return this.eastmoney.estimate(request, corrupt);
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
		if (path.startsWith("/js/")) {
			return "eastmoney:fundgz";
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

	private SandboxFault nextFault(String endpoint) {
		Deque<SandboxFault> queue = this.injected.get(endpoint);
		if (queue != null) {
			synchronized (queue) {
				SandboxFault fault = queue.poll();
				if (fault != null) {
					return fault;
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

	private static void pause(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
