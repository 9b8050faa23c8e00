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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
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

	// The threads of every client's exchanges, kept for reuse. Without an executor of its
	// own the JDK client brings a pool for its handlers, and Spring's request factory
	// starts a new thread for each request body (a SimpleAsyncTaskExecutor): a thread
	// created and torn down for every POST, which cost more system time than the call
	// itself on a loaded machine. One pool for the JVM, as the JDK's own default pool is,
	// and never shut down: its threads are daemons (a command's JVM ends with its work)
	// and end after a minute idle. Cached, not fixed: the body's writer waits for the
	// client's handlers, so a bounded pool could starve itself.
	private static final ExecutorService EXCHANGES = Executors.newCachedThreadPool(exchangeThreads());

	private final SourceName source;

	private final URI baseUrl;

	private final RestClient client;

	private final @Nullable URI proxy;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	public SourceHttp(SourceName source, SourceSettings settings) {
		this.source = source;
		this.baseUrl = settings.baseUrl();
		this.proxy = settings.proxy();
		this.connectTimeout = settings.connectTimeout();
		this.readTimeout = settings.readTimeout();
		HttpClient.Builder http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.executor(EXCHANGES);
		if (settings.proxy() != null) {
			http.proxy(ProxySelector.of(new InetSocketAddress(settings.proxy().getHost(), port(settings.proxy()))));
		}
		else {
			http.proxy(HttpClient.Builder.NO_PROXY);
		}
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http.build());
		// A wall-clock budget of the whole answer: the factory closes the body once it is
		// up, so an answer that trickles in for ever fails the call
		// (SandboxFault.TRICKLE).
		requests.setReadTimeout(settings.readTimeout());
		this.client = RestClient.builder().requestFactory(requests).build();
	}

	private static CustomizableThreadFactory exchangeThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("source-http-");
		threads.setDaemon(true);
		return threads;
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
		long started = System.nanoTime();
		try {
			return this.client.post()
				.uri(resolve(path))
				.contentType(MediaType.APPLICATION_JSON)
				.header("User-Agent", USER_AGENT)
				.body(json)
				.exchange((request, response) -> read(response.getStatusCode(), response.getBody(), started), true);
		}
		catch (RestClientException | UncheckedIOException ex) {
			throw failure(endpoint, ex);
		}
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
		long started = System.nanoTime();
		try {
			return this.client.get().uri(resolve(pathAndQuery)).headers((http) -> {
				http.set("User-Agent", USER_AGENT);
				headers.forEach(http::set);
			}).exchange((request, response) -> read(response.getStatusCode(), response.getBody(), started), true);
		}
		catch (RestClientException | UncheckedIOException ex) {
			throw failure(endpoint, ex);
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

	private Reply read(HttpStatusCode status, java.io.InputStream body, long started) throws IOException {
		try {
			return new Reply(status.value(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// The factory closes an answer still arriving when the read timeout is up.
			if (System.nanoTime() - started >= this.readTimeout.toNanos()) {
				throw new IOException(
						"the answer was not complete within " + this.readTimeout.toSeconds() + " s (the read timeout)",
						ex);
			}
			throw ex;
		}
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
