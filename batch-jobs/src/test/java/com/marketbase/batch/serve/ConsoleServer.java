package com.marketbase.batch.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.marketbase.batch.BatchJobsApplication;
import com.marketbase.batch.warehouse.TestWarehouse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

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

		JsonNode json() {
			return ConsoleServer.json.readTree(this.raw.body());
		}

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

	}

}
