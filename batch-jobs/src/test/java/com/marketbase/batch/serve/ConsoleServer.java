package com.marketbase.batch.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.warehouse.TestWarehouse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as {@code batch.jar serve} starts it, on a free port against a freshly
 * reset test TimescaleDB, with a viewer and an operator, and an HTTP client that signs in
 * as either.
 */
final class ConsoleServer implements AutoCloseable {

	static final String VIEWER = "vera";

	static final String OPERATOR = "otto";

	static final String PASSWORD = "correct horse battery staple";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private ConsoleServer(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	static ConsoleServer start(String... extraArgs) {
		TestWarehouse.TIMESCALEDB.reset();
		String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
		Path logs;
		try {
			logs = Files.createTempDirectory("console-logs");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> args = new ArrayList<>(
				List.of("serve", "--server.port=0", "--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
						"--marketbase.console.log-directory=" + logs,
						"--marketbase.console.users." + VIEWER + ".password=" + hash,
						"--marketbase.console.users." + VIEWER + ".role=VIEWER",
						"--marketbase.console.users." + OPERATOR + ".password=" + hash,
						"--marketbase.console.users." + OPERATOR + ".role=OPERATOR",
						// The browser test reaches the server over plain HTTP on the
						// loopback.
						"--server.servlet.session.cookie.secure=false",
						// The console tests read the embedded sandbox unless they say
						// otherwise.
						"--marketbase.sources.default-source=sandbox"));
		args.addAll(List.of(extraArgs));
		return new ConsoleServer(new SpringApplicationBuilder(BatchJobsApplication.class).profiles("serve")
			.run(args.toArray(String[]::new)));
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	Response get(String path, String user) {
		return send(request(path, user).GET().build());
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
	}

	Response post(String path, String user) {
		return send(request(path, user).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	Response post(String path, String user, String body) {
		return send(request(path, user).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	Response put(String path, String user, String body) {
		return send(request(path, user).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	Response delete(String path, String user) {
		return send(request(path, user).DELETE().build());
	}

	Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Signs in through the login page as a browser does: the page's cookies and CSRF
	 * field, then the form.
	 * @param user the user
	 * @return the form's answer and the session's cookies after it
	 */
	FormLogin signInByForm(String user) {
		Response loginPage = get("/login");
		String cookies = loginPage.cookies("");
		Matcher hidden = CSRF_FIELD.matcher(loginPage.body());
		assertThat(hidden.find()).as(loginPage.body()).isTrue();
		Response login = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookies)
			.POST(HttpRequest.BodyPublishers
				.ofString("username=" + user + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
						+ "&_csrf=" + URLEncoder.encode(hidden.group(1), StandardCharsets.UTF_8)))
			.build());
		return new FormLogin(login, login.cookies(cookies));
	}

	/**
	 * A sign-in through the login form.
	 *
	 * @param login the form's answer
	 * @param session the cookies after it
	 */
	record FormLogin(Response login, String session) {
	}

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private HttpRequest.Builder request(String path, String user) {
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Basic " + credentials);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * An answer of the server.
	 */
	record Response(HttpResponse<String> raw) {

		int status() {
			return this.raw.statusCode();
		}

		String body() {
			return this.raw.body();
		}

		/**
		 * The cookies a client holds after this answer: those before, replaced or added
		 * by its {@code Set-Cookie} headers.
		 * @param before the cookies sent, as a {@code Cookie} header
		 * @return the cookies, as a {@code Cookie} header
		 */
		String cookies(String before) {
			Map<String, String> jar = new LinkedHashMap<>();
			for (String pair : before.split("; ")) {
				if (pair.contains("=")) {
					jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
				}
			}
			for (String cookie : this.raw.headers().allValues("Set-Cookie")) {
				String pair = cookie.split(";", 2)[0];
				jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			}
			return String.join("; ", jar.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toList());
		}

		JsonNode json() {
			return ConsoleServer.json.readTree(this.raw.body());
		}

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

	}

}
