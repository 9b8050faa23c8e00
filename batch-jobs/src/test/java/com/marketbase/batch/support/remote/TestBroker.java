package com.marketbase.batch.support.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The broker the tests use: the project's own {@code ops/broker.sh start} (RabbitMQ from
 * Debian's package, on loopback), started once per test JVM and left running, as the test
 * databases are. Each test takes a queue of its own.
 */
public final class TestBroker {

	private static String url;

	private TestBroker() {
	}

	/**
	 * The broker's URL, starting it first if needed.
	 * @return the {@code amqp://} URL
	 */
	public static synchronized String url() {
		if (url == null) {
			url = start();
		}
		return url;
	}

	/**
	 * A fresh queue name, so that no test sees another's requests.
	 * @return the name
	 */
	public static String queue() {
		return "test-" + UUID.randomUUID();
	}

	/**
	 * Sends a raw message to a queue, as a broker that delivers twice would.
	 * @param queue the queue
	 * @param body the message text
	 */
	public static void send(String queue, String body) {
		CachingConnectionFactory connections = new CachingConnectionFactory(java.net.URI.create(url()));
		try {
			new RabbitTemplate(connections).convertAndSend("", queue, body);
		}
		finally {
			connections.destroy();
		}
	}

	/**
	 * Requests waiting in a queue (not those a worker holds).
	 * @param queue the queue
	 * @return ready messages
	 */
	public static long depth(String queue) {
		CachingConnectionFactory connections = new CachingConnectionFactory(java.net.URI.create(url()));
		try {
			Long ready = new RabbitTemplate(connections)
				.execute((channel) -> (long) channel.queueDeclarePassive(queue).getMessageCount());
			return (ready != null) ? ready : 0;
		}
		finally {
			connections.destroy();
		}
	}

	public static void delete(String queue) {
		CachingConnectionFactory connections = new CachingConnectionFactory(java.net.URI.create(url()));
		try {
			new RabbitAdmin(connections).deleteQueue(queue);
		}
		finally {
			connections.destroy();
		}
	}

	private static String start() {
		Path script = Path.of("..", "ops", "broker.sh").toAbsolutePath().normalize();
		try {
			Path err = Files.createTempFile("broker", ".err");
			Path stdout = Files.createTempFile("broker", ".out");
			// Into files, so that the wait below bounds a script stuck on apt's lock.
			Process process = new ProcessBuilder("bash", script.toString(), "start").redirectError(err.toFile())
				.redirectOutput(stdout.toFile())
				.start();
			if (!process.waitFor(600, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"ops/broker.sh start did not end within 10 minutes: " + Files.readString(err));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("ops/broker.sh start failed: " + Files.readString(err));
			}
			String out = Files.readString(stdout, StandardCharsets.UTF_8);
			List<String> lines = out.lines().toList();
			String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
			if (!last.startsWith("amqp://")) {
				throw new IllegalStateException("ops/broker.sh start printed no URL: " + out + Files.readString(err));
			}
			return last;
		}
		catch (IOException ex) {
			throw new IllegalStateException("ops/broker.sh could not be run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
