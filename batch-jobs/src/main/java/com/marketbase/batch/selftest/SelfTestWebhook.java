package com.marketbase.batch.selftest;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a webhook of a self-test run with failed checks: one HTTP POST of a JSON summary
 * (the run, its counts and per failed check the source, endpoint, class and a short
 * message), tried at most twice. The receiver's address is never printed beyond its
 * scheme, host and port, as it often carries a secret in its path.
 */
public final class SelfTestWebhook {

	private static final Logger logger = LoggerFactory.getLogger(SelfTestWebhook.class);

	static final String PROPERTY = "marketbase.selftest.webhook-url";

	private static final int MAX_MESSAGE = 200;

	// Credentials a source's words might carry: a URL's user part, a key-like query
	// parameter.
	private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@]+@");

	private static final Pattern SECRET_PARAMETER = Pattern
		.compile("(?i)\\b(token|api_?key|key|secret|password|passwd|pwd|sign|signature)=[^&\\s\"']+");

	// The same names as JSON members ("token":"..."), and a bearer credential.
	private static final Pattern SECRET_MEMBER = Pattern
		.compile("(?i)(\"(?:token|api_?key|key|secret|password|passwd|pwd|sign|signature)\"\\s*:\\s*\")[^\"]*\"?");

	private static final Pattern BEARER = Pattern
		.compile("(?i)\\b(authorization:\\s*(?:bearer|basic)|bearer)\\s+[A-Za-z0-9._~+/=-]+");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final URI target;

	private final HttpClient http;

	private final Duration timeout;

	private SelfTestWebhook(URI target, Duration timeout) {
		this.target = target;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/**
	 * The webhook of a setting.
	 * @param url the setting, {@code null} or blank for none
	 * @param timeout the connect timeout, and the time the receiver has to answer
	 * @return the webhook, {@code null} when none is set
	 * @throws IllegalArgumentException in one line when the URL is not an absolute http
	 * or https URL with a host
	 */
	public static @Nullable SelfTestWebhook of(@Nullable String url, Duration timeout) {
		if (url == null || url.isBlank()) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(PROPERTY + " is not a URL (" + ex.getReason() + ").");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(java.util.Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException(PROPERTY + " must be an http:// or https:// URL.");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new IllegalArgumentException(PROPERTY + " names no host.");
		}
		if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException("marketbase.selftest.webhook-timeout is between 1 ms and 1 minute.");
		}
		return new SelfTestWebhook(uri, timeout);
	}

	/**
	 * Where the summary goes, without path or query.
	 * @return scheme, host and port
	 */
	public String shown() {
		return this.target.getScheme() + "://" + this.target.getHost()
				+ ((this.target.getPort() >= 0) ? ":" + this.target.getPort() : "");
	}

	/**
	 * Posts the summary of a run; never throws.
	 * @param run the run
	 * @return {@code null} when the receiver took it (2xx), else why not in one line
	 */
	@Nullable String notify(SelfTestRun run) {
		byte[] body = json.writeValueAsBytes(summary(run));
		HttpRequest request = HttpRequest.newBuilder(this.target)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("User-Agent", "marketbase-selftest")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		String error = null;
		// One retry: a receiver that restarts or drops one connection still hears of it.
		for (int attempt = 1; attempt <= 2; attempt++) {
			error = post(request);
			if (error == null) {
				logger.info("Self-test {}: {} failed check(s) sent to the webhook at {}", run.id(), run.failed(),
						shown());
				return null;
			}
		}
		logger.warn("Self-test {}: the webhook at {} was not told: {}", run.id(), shown(), error);
		return error;
	}

	private @Nullable String post(HttpRequest request) {
		try {
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			return (response.statusCode() / 100 == 2) ? null : "it answered HTTP " + response.statusCode();
		}
		catch (IOException ex) {
			return "it cannot be reached (" + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + clean(ex.getMessage()) : "") + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	static Summary summary(SelfTestRun run) {
		List<Failure> failures = run.results()
			.stream()
			.filter(SelfTestResult::failed)
			.map((result) -> new Failure(result.source(), result.endpoint(), result.errorClass(),
					clean(result.message())))
			.toList();
		return new Summary(run.id(), run.trigger(), run.sources(), run.startedAt().toString(),
				run.finishedAt().toString(), run.results().size(), failures.size(), failures);
	}

	// Short, one line, and without what could be a credential.
	static String clean(String message) {
		String line = message.strip().lines().findFirst().orElse("").strip();
		line = USER_INFO.matcher(line).replaceAll("$1***@");
		line = SECRET_PARAMETER.matcher(line).replaceAll("$1=***");
		line = SECRET_MEMBER.matcher(line).replaceAll("$1***\"");
		line = BEARER.matcher(line).replaceAll("$1 ***");
		return (line.length() <= MAX_MESSAGE) ? line : line.substring(0, MAX_MESSAGE) + "...";
	}

	/**
	 * What the webhook receives.
	 *
	 * @param run the run's id
	 * @param trigger what started it: {@code cli}, {@code console} or {@code schedule}
	 * @param sources the sources asked
	 * @param startedAt when it started
	 * @param finishedAt when it finished
	 * @param checks the endpoints asked
	 * @param failed how many failed
	 * @param failures each failed check
	 */
	record Summary(long run, String trigger, String sources, String startedAt, String finishedAt, int checks,
			int failed, List<Failure> failures) {
	}

	/**
	 * A failed check in the summary.
	 *
	 * @param source the source
	 * @param endpoint the endpoint
	 * @param errorClass the class of the failure
	 * @param message what the source said, short
	 */
	record Failure(String source, String endpoint, @Nullable String errorClass, String message) {
	}

}
