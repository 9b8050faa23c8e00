package com.marketbase.batch.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import com.marketbase.batch.BatchJobsApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded warehouse takes no connection without its generated password, which only
 * its owner can read, also when its data directory is from before the password.
 */
class EmbeddedWarehousePasswordIntegrationTests {

	@Test
	void refusesConnectionsWithoutTheGeneratedPasswordEvenInAnOlderDataDirectory(@TempDir Path parent)
			throws Exception {
		Path data = parent.resolve("warehouse");
		// A data directory as earlier versions left it: every local connection trusted.
		EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start().close();

		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BatchJobsApplication.class)
			.run("--spring.datasource.url=", "--marketbase.embedded.data-directory=" + data, "list")) {
			int port = app.getBean(EmbeddedPostgres.class).getPort();
			Path passwordFile = data.resolve(EmbeddedWarehouseConfiguration.PASSWORD_FILE);
			String password = Files.readString(passwordFile).strip();

			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
				.isEqualTo("rw-------");
			assertThat(password).hasSize(64);
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(port, null))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isIn("08004", "28000", "28P01"));
			assertThat(connect(port, password)).isTrue();
		}
	}

	@Test
	void startsANewDataDirectoryPasswordOnly(@TempDir Path parent) throws Exception {
		Path data = parent.resolve("new-warehouse");

		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BatchJobsApplication.class)
			.run("--spring.datasource.url=", "--marketbase.embedded.data-directory=" + data, "list")) {
			int port = app.getBean(EmbeddedPostgres.class).getPort();
			String password = Files.readString(data.resolve(EmbeddedWarehouseConfiguration.PASSWORD_FILE)).strip();

			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(port, null));
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(port, "not-" + password));
			assertThat(connect(port, password)).isTrue();
		}
	}

	private static boolean connect(int port, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		if (password != null) {
			properties.setProperty("password", password);
		}
		try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
				properties)) {
			return connection.isValid(5);
		}
	}

}
