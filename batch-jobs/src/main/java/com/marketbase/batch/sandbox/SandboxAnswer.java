package com.marketbase.batch.sandbox;

import java.nio.charset.StandardCharsets;

/**
 * What a protocol simulator answers.
 *
 * @param status the HTTP status
 * @param contentType the content type
 * @param body the body
 * @param rateLimited whether the answer refuses the call for quota
 */
record SandboxAnswer(int status, String contentType, byte[] body, boolean rateLimited) {

	static final String JSON = "application/json; charset=utf-8";

	static SandboxAnswer json(String body) {
		return new SandboxAnswer(200, JSON, body.getBytes(StandardCharsets.UTF_8), false);
	}

	static SandboxAnswer text(int status, String contentType, String body) {
		return new SandboxAnswer(status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
	}

	SandboxAnswer asRateLimited() {
		return new SandboxAnswer(this.status, this.contentType, this.body, true);
	}

}
