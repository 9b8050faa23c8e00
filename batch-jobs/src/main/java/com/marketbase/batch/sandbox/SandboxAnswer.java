package com.marketbase.batch.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a protocol simulator answers.
 *
 * @param status the HTTP status
 * @param contentType the content type
 * @param body the body
 * @param rateLimited whether the answer refuses the call for quota
 * @param headers further response headers, such as a redirect's {@code Location}
 */
record SandboxAnswer(int status, String contentType, byte[] body, boolean rateLimited, Map<String, String> headers) {

	static final String JSON = "application/json; charset=utf-8";

	SandboxAnswer {
		headers = Map.copyOf(headers);
	}

	SandboxAnswer(int status, String contentType, byte[] body, boolean rateLimited) {
		this(status, contentType, body, rateLimited, Map.of());
	}

	static SandboxAnswer json(String body) {
		return new SandboxAnswer(200, JSON, body.getBytes(StandardCharsets.UTF_8), false);
	}

	static SandboxAnswer text(int status, String contentType, String body) {
		return new SandboxAnswer(status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
	}

	/**
	 * A permanent redirect, with the small HTML body web servers send with one.
	 * @param location where to: a path on the sandbox, so that a client following it
	 * stays on loopback
	 * @return the answer
	 */
	static SandboxAnswer movedPermanently(String location) {
		String body = "<html><head><title>301 Moved Permanently</title></head><body><center><h1>301 Moved Permanently"
				+ "</h1></center><hr><center>nginx</center></body></html>";
		return new SandboxAnswer(301, "text/html", body.getBytes(StandardCharsets.UTF_8), false,
				Map.of("Location", location));
	}

	SandboxAnswer asRateLimited() {
		return new SandboxAnswer(this.status, this.contentType, this.body, true, this.headers);
	}

}
