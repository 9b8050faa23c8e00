package com.marketbase.batch;

import java.nio.file.Path;

import com.marketbase.batch.warehouse.TestWarehouse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up failures a user causes, each reported as its cause and what to do, without a
 * stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureIntegrationTests {

	@Test
	void namesAnEmbeddedWarehouseThatAnotherProcessHolds(@TempDir Path data, CapturedOutput output) throws Exception {
		// What a running 'serve' on the same data directory holds.
		try (EmbeddedPostgres holder = EmbeddedPostgres.builder().setDataDirectory(data).start()) {
			assertThatException().isThrownBy(() -> new SpringApplicationBuilder(BatchJobsApplication.class)
				.run("--spring.datasource.url=", "--marketbase.embedded.data-directory=" + data, "list"));
		}

		assertThat(output).contains("The embedded warehouse in " + data + " is in use by another Marketbase process.")
			.contains("--marketbase.embedded.data-directory=<directory>")
			.doesNotContain("\tat ");
	}

	@Test
	void namesAPlainConsolePasswordAndHowToHashIt(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(BatchJobsApplication.class).profiles("serve")
				.run("serve", "--server.port=0", "--spring.datasource.url=" + TestWarehouse.TIMESCALEDB.jdbcUrl(),
						"--marketbase.console.users.otto.password=correct-horse"));

		assertThat(output).contains("marketbase.console.users.otto.password is not a password hash")
			.contains("Set it to a bcrypt hash of the password")
			.doesNotContain("correct-horse")
			.doesNotContain("\tat ");
	}

}
