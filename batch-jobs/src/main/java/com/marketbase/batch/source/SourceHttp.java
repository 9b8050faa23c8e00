package com.marketbase.batch.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The HTTP transport of one source: its own client, so its timeouts and proxy never
 * affect another source. It answers with the status and body as they came; I/O failures
 * (connection refused or reset, timeouts, a body cut short) become
 * {@link TransientSourceException}s.
 * <p>
 * Built on Spring's {@link RestClient} over the JDK {@link HttpClient}: blocking calls
 * suit item readers, and the JDK client needs no Netty and takes a proxy per client.
 */
public final class SourceHttp {

	private static final String USER_AGENT = "Mozilla/5.0 (compatible; Marketbase)";

	/**
	 * Set (to {@code true}) as a system property or as the environment variable
	 * {@code MARKETBASE_SOURCES_LOOPBACK_ONLY}, no source is called outside this
	 * machine's loopback addresses: the tests run so, and so can a machine that must
	 * never reach out.
	 */
	public static final String LOOPBACK_ONLY = "marketbase.sources.loopback-only";

	private final SourceName source;

	private final URI baseUrl;

	private final RestClient client;

	private final @Nullable URI proxy;

	private final Duration connectTimeout;

	private final Duration budget;

	// Interrupts calls past their budget: the JDK client's read timeout ends with the
	// answer's headers, and a body that trickles in would be read forever.
	private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "source-answer-deadline");
		thread.setDaemon(true);
		return thread;
	});

	public SourceHttp(SourceName source, SourceSettings settings) {
		this.source = source;
		this.baseUrl = settings.baseUrl();
		this.proxy = settings.proxy();
		this.connectTimeout = settings.connectTimeout();
		this.budget = settings.readTimeout();
		HttpClient.Builder http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL);
		if (settings.proxy() != null) {
			http.proxy(ProxySelector.of(new InetSocketAddress(settings.proxy().getHost(), port(settings.proxy()))));
		}
		else {
			http.proxy(HttpClient.Builder.NO_PROXY);
		}
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http.build());
		requests.setReadTimeout(settings.readTimeout());
		this.client = RestClient.builder().requestFactory(requests).build();
	}

	private static int port(URI proxy) {
		return (proxy.getPort() > 0) ? proxy.getPort() : 80;
	}

	// Scheme, host, port and path: a base URL may carry user:password.
	private static String shown(URI url) {
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() >= 0) ? ":" + url.getPort() : "")
				+ ((url.getPath() != null) ? url.getPath() : "");
	}

	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Checks that the source's address (or its proxy) takes connections, once, within the
	 * connect timeout: a launch against a source that cannot be reached fails in seconds,
	 * not after every retry of its first call.
	 * @param property the property that sets the address, for the message
	 * @throws TransientSourceException naming the address when it does not answer
	 */
	public void checkReachable(String property) {
		URI target = (this.proxy != null) ? this.proxy : this.baseUrl;
		guard(target);
		int port = (target.getPort() > 0) ? target.getPort() : ("https".equals(target.getScheme()) ? 443 : 80);
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(target.getHost(), port), (int) this.connectTimeout.toMillis());
		}
		catch (IOException ex) {
			throw TransientSourceException.unreachable(this.source, shown(target), property, ex);
		}
	}

	// A process told to stay on loopback refuses any other address before connecting.
	private void guard(URI target) {
		if (!loopbackOnly()) {
			return;
		}
		boolean loopback;
		try {
			loopback = target.getHost() != null && InetAddress.getByName(target.getHost()).isLoopbackAddress();
		}
		catch (IOException ex) {
			loopback = false;
		}
		if (!loopback) {
			throw new PermanentSourceException(this.source, shown(target),
					"this process may call loopback addresses only (" + LOOPBACK_ONLY + ")");
		}
	}

	private static boolean loopbackOnly() {
		String value = System.getProperty(LOOPBACK_ONLY);
		if (value == null) {
			value = System.getenv("MARKETBASE_SOURCES_LOOPBACK_ONLY");
		}
		return Boolean.parseBoolean(value);
	}

	/**
	 * POSTs a JSON body to a path below the base URL.
	 * @param endpoint the endpoint, for messages
	 * @param path the path, for example {@code /}
	 * @param json the body
	 * @return the reply
	 */
	public Reply postJson(String endpoint, String path, String json) {
		URI uri = resolve(path);
		return withinBudget(endpoint,
				() -> this.client.post()
					.uri(uri)
					.contentType(MediaType.APPLICATION_JSON)
					.header("User-Agent", USER_AGENT)
					.body(json)
					.exchange((request, response) -> read(response.getStatusCode(), response.getBody()), true));
	}

	/**
	 * GETs a path below the base URL.
	 * @param endpoint the endpoint, for messages
	 * @param pathAndQuery the path and encoded query, for example
	 * {@code /api/minute?code=600000&date=20241108}
	 * @param headers extra request headers
	 * @return the reply
	 */
	public Reply get(String endpoint, String pathAndQuery, Map<String, String> headers) {
		URI uri = resolve(pathAndQuery);
		return withinBudget(endpoint, () -> this.client.get().uri(uri).headers((http) -> {
			http.set("User-Agent", USER_AGENT);
			headers.forEach(http::set);
		}).exchange((request, response) -> read(response.getStatusCode(), response.getBody()), true));
	}

	// One call, headers and body, within the read timeout taken as a wall-clock budget:
	// past it the calling thread is interrupted, which ends a blocked read, and the call
	// fails as transient like any other that got no usable answer.
	private Reply withinBudget(String endpoint, java.util.function.Supplier<Reply> call) {
		Thread caller = Thread.currentThread();
		Object lock = new Object();
		boolean[] state = new boolean[2];
		ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
			synchronized (lock) {
				if (!state[0]) {
					state[1] = true;
					caller.interrupt();
				}
			}
		}, this.budget.toNanos(), TimeUnit.NANOSECONDS);
		try {
			return call.get();
		}
		catch (RestClientException | UncheckedIOException ex) {
			if (expired(lock, state)) {
				throw new TransientSourceException(this.source, endpoint, "no complete answer from "
						+ shown(this.baseUrl) + " within " + this.budget.toSeconds() + " s (the read timeout)", ex);
			}
			throw failure(endpoint, ex);
		}
		finally {
			deadline.cancel(false);
			if (expired(lock, state)) {
				// The interrupt was ours, not the caller's: it must not reach its next
				// wait.
				Thread.interrupted();
			}
		}
	}

	private static boolean expired(Object lock, boolean[] state) {
		synchronized (lock) {
			state[0] = true;
			return state[1];
		}
	}

	private URI resolve(String pathAndQuery) {
		// The connection goes to the proxy where there is one.
		guard((this.proxy != null) ? this.proxy : this.baseUrl);
		String base = this.baseUrl.toString();
		if (base.endsWith("/") && pathAndQuery.startsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return URI.create(base + pathAndQuery);
	}

	private static Reply read(HttpStatusCode status, java.io.InputStream body) throws IOException {
		return new Reply(status.value(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
	}

	private TransientSourceException failure(String endpoint, Exception ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String what = cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "");
		return new TransientSourceException(this.source, endpoint,
				"no usable answer from " + shown(this.baseUrl) + ": " + what, ex);
	}

	/**
	 * What a source answered.
	 *
	 * @param status the HTTP status
	 * @param body the body as UTF-8 text
	 */
	public record Reply(int status, String body) {

		/**
		 * The first characters of the body, for messages about unreadable answers.
		 * @return at most 80 characters of the body
		 */
		public String excerpt() {
			String flat = this.body.replaceAll("\\s+", " ").strip();
			return (flat.length() <= 80) ? flat : flat.substring(0, 80) + "...";
		}

	}

}
