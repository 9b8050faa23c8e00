package com.marketbase.batch.selftest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on the loopback that keeps every POST it is sent and answers a
 * chosen status.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile int status = 204;

	private WebhookReceiver(HttpServer server) {
		this.server = server;
	}

	static WebhookReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			WebhookReceiver receiver = new WebhookReceiver(server);
			server.createContext("/hook", (exchange) -> {
				try (InputStream body = exchange.getRequestBody()) {
					receiver.received.add(new Received(exchange.getRequestMethod(),
							exchange.getRequestHeaders().getFirst("Content-Type"),
							new String(body.readAllBytes(), StandardCharsets.UTF_8)));
				}
				exchange.sendResponseHeaders(receiver.status, -1);
				exchange.close();
			});
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The receiver's address, with a secret in its query as real webhooks carry one. */
	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook?token=receiver-secret";
	}

	void answer(int status) {
		this.status = status;
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One request received.
	 */
	record Received(String method, String contentType, String body) {
	}

}
