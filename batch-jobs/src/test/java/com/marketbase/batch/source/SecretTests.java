package com.marketbase.batch.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretTests {

	@Test
	void neverShowsItsValue() {
		Secret secret = Secret.of("0123456789abcdef");

		assertThat(secret.toString()).doesNotContain("0123").isEqualTo("******");
		assertThat(secret.reveal()).isEqualTo("0123456789abcdef");
		assertThat(Secret.of("  ").isPresent()).isFalse();
	}

}
