package com.marketbase.batch.serve;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing against the console: after five failures in a row the next attempt
 * waits 15 s (far longer than the test takes between two requests), is answered 429
 * without its password being checked, and every failure is logged with the name and the
 * address but never the password. A server of its own, since the address it throttles is
 * every test's.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleLoginThrottleIntegrationTests {

	private static final String GUESS = "hunter2-guess";

	private static ConsoleServer server;

	@BeforeAll
	static void start() {
		server = ConsoleServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void slowsDownGuessesAndLogsThemWithoutThePassword(CapturedOutput output) {
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(guess().status()).as("attempt " + attempt).isEqualTo(401);
		}

		ConsoleServer.Response throttled = guess();
		// The right password does not get through the wait either: it is not checked.
		ConsoleServer.Response right = server.get("/api/executions", ConsoleServer.OPERATOR);

		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.header("Retry-After")).isNotNull();
		assertThat(right.status()).isEqualTo(429);
		assertThat(output.getOut() + output.getErr())
			.containsPattern("Console login failed for user '" + ConsoleServer.OPERATOR
					+ "' from (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1) \\(5 in a row; next attempt waits 15 s\\)")
			.doesNotContain(GUESS);
	}

	private static ConsoleServer.Response guess() {
		String credentials = Base64.getEncoder()
			.encodeToString((ConsoleServer.OPERATOR + ":" + GUESS).getBytes(StandardCharsets.UTF_8));
		return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/executions"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Basic " + credentials)
			.GET()
			.build());
	}

}
