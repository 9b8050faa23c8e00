package com.marketbase.batch.warehouse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUrlTests {

	@Test
	void hidesAPasswordParameter() {
		assertThat(new DatabaseUrl("jdbc:postgresql://db:5432/marketbase?user=mb&password=s3cret&ssl=true").redacted())
			.isEqualTo("jdbc:postgresql://db:5432/marketbase?user=mb&password=****&ssl=true");
		assertThat(new DatabaseUrl("jdbc:postgresql://db/marketbase?PASSWORD=s3cret").redacted())
			.isEqualTo("jdbc:postgresql://db/marketbase?PASSWORD=****");
		// pgjdbc's password of the client key.
		assertThat(new DatabaseUrl("jdbc:postgresql://db/marketbase?sslmode=verify-full&sslpassword=k3y&user=mb")
			.redacted()).isEqualTo("jdbc:postgresql://db/marketbase?sslmode=verify-full&sslpassword=****&user=mb");
	}

	@Test
	void hidesAPasswordInUserInfo() {
		assertThat(new DatabaseUrl("jdbc:postgresql://mb:s3cret@db:5432/marketbase").toString())
			.isEqualTo("jdbc:postgresql://mb:****@db:5432/marketbase");
	}

	@Test
	void leavesAUrlWithoutPasswordAsItIs() {
		assertThat(new DatabaseUrl("jdbc:postgresql://127.0.0.1:55432/marketbase?user=marketbase").redacted())
			.isEqualTo("jdbc:postgresql://127.0.0.1:55432/marketbase?user=marketbase");
	}

}
