package com.marketbase.batch.support.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The RabbitMQ broker partition requests go through: one durable queue, persistent
 * messages, and a connection check that fails in seconds with one sentence naming the
 * broker (without its password).
 */
public final class Broker implements AutoCloseable {

	private final CachingConnectionFactory connections;

	private final String queue;

	private final String described;

	private final RabbitTemplate template;

	private volatile boolean declared;

	Broker(String url, String queue, Duration connectTimeout) {
		URI uri = parse(url);
		this.described = uri.getScheme() + "://"
				+ ((uri.getUserInfo() != null) ? uri.getUserInfo().replaceFirst(":.*", "") + "@" : "") + uri.getHost()
				+ ((uri.getPort() > 0) ? ":" + uri.getPort() : "") + ((uri.getPath() != null) ? uri.getPath() : "");
		this.connections = new CachingConnectionFactory(uri);
		this.connections.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
		// Spring's caching factory reconnects by itself; the client's own recovery would
		// race it.
		this.connections.getRabbitConnectionFactory().setAutomaticRecoveryEnabled(false);
		this.queue = queue;
		this.template = new RabbitTemplate(this.connections);
	}

	private static URI parse(String url) {
		try {
			URI uri = new URI(url.trim());
			// Not amqps: the client's URI form would trust any certificate, and a
			// password
			// sent over TLS that authenticates nobody is no better protected.
			if (!"amqp".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new URISyntaxException(url, "not an amqp:// URL");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(
					"marketbase.workers.broker-url must be an amqp://user:password@host:port URL (amqps is not "
							+ "supported: reach a remote broker through a tunnel or a trusted network).");
		}
	}

	/**
	 * The broker as messages may name it: scheme, user, host and port, never the
	 * password.
	 * @return for example {@code amqp://marketbase@127.0.0.1:29672}
	 */
	public String describe() {
		return this.described;
	}

	String queue() {
		return this.queue;
	}

	CachingConnectionFactory connections() {
		return this.connections;
	}

	/**
	 * Opens a connection and declares the queue.
	 * @throws IllegalStateException when the broker cannot be reached, in one sentence
	 */
	public void check() {
		try {
			Connection connection = this.connections.createConnection();
			if (!connection.isOpen()) {
				throw new IllegalStateException("the connection closed at once");
			}
			declare();
		}
		catch (AmqpException | IllegalStateException ex) {
			throw new IllegalStateException(
					"The broker at " + this.described + " cannot be reached (" + reason(ex) + ").", ex);
		}
	}

	void declare() {
		if (!this.declared) {
			new RabbitAdmin(this.connections).declareQueue(new Queue(this.queue, true));
			this.declared = true;
		}
	}

	void send(String body) {
		declare();
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
		properties.setDeliveryMode(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT);
		this.template.send("", this.queue,
				new Message(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), properties));
	}

	static String reason(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message == null || message.isBlank()) ? root.getClass().getSimpleName() : message.strip();
	}

	@Override
	public void close() {
		this.connections.destroy();
	}

}
