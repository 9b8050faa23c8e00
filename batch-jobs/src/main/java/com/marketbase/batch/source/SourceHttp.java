package com.marketbase.batch.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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

	private final SourceName source;

	private final URI baseUrl;

	private final RestClient client;

	public SourceHttp(SourceName source, SourceSettings settings) {
		this.source = source;
		this.baseUrl = settings.baseUrl();
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
	 * POSTs a JSON body to a path below the base URL.
	 * @param endpoint the endpoint, for messages
	 * @param path the path, for example {@code /}
	 * @param json the body
	 * @return the reply
	 */
	public Reply postJson(String endpoint, String path, String json) {
		try {
			return this.client.post()
				.uri(resolve(path))
				.contentType(MediaType.APPLICATION_JSON)
				.header("User-Agent", USER_AGENT)
				.body(json)
				.exchange((request, response) -> read(response.getStatusCode(), response.getBody()), true);
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
		try {
			return this.client.get().uri(resolve(pathAndQuery)).headers((http) -> {
				http.set("User-Agent", USER_AGENT);
				headers.forEach(http::set);
			}).exchange((request, response) -> read(response.getStatusCode(), response.getBody()), true);
		}
		catch (RestClientException | UncheckedIOException ex) {
			throw failure(endpoint, ex);
		}
	}

	private URI resolve(String pathAndQuery) {
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
