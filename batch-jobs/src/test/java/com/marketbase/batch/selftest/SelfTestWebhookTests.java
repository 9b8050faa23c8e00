package com.marketbase.batch.selftest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a failed check's message may tell the webhook: one line, short, and nothing that
 * could be a credential.
 */
class SelfTestWebhookTests {

	@Test
	void hidesCredentialsInUrlsQueriesJsonAndAuthorizationHeaders() {
		assertThat(SelfTestWebhook.clean("refused http://user:pw@gw.example/api?code=1&token=abc123 now"))
			.isEqualTo("refused http://***@gw.example/api?code=1&token=*** now");
		assertThat(SelfTestWebhook.clean("sent {\"api_name\":\"daily\",\"token\":\"abc123\",\"params\":{}}"))
			.isEqualTo("sent {\"api_name\":\"daily\",\"token\":\"***\",\"params\":{}}");
		assertThat(SelfTestWebhook.clean("Authorization: Bearer eyJhbGciOi.J9x-y_z"))
			.isEqualTo("Authorization: Bearer ***");
		assertThat(SelfTestWebhook.clean("sent {\"token\":\"abc12")).isEqualTo("sent {\"token\":\"***\"");
		assertThat(SelfTestWebhook.clean("the basic plan allows 500 calls"))
			.isEqualTo("the basic plan allows 500 calls");
	}

	@Test
	void keepsTheFirstLineAndCutsALongOne() {
		assertThat(SelfTestWebhook.clean("first\n\tat Somewhere.java:12")).isEqualTo("first");
		assertThat(SelfTestWebhook.clean("x".repeat(500))).hasSize(203).endsWith("...");
	}

}
