package com.marketbase.batch.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no {@code spring.datasource.url} configured, the warehouse
 * is a PostgreSQL 17 started from Maven Central binaries, its data kept in a directory so
 * that repeated runs accumulate. It runs in plain mode (no TimescaleDB).
 * <p>
 * Its superuser has a generated password, kept in the data directory readable by its
 * owner only, and the server takes no connection without it: a superuser on a loopback
 * port that any local user could reach would run {@code COPY ... TO PROGRAM} as this
 * user.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedWarehouseProperties.class)
class EmbeddedWarehouseConfiguration {

	/** The file in the data directory that holds the superuser's password. */
	static final String PASSWORD_FILE = "marketbase-password";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedWarehouseConfiguration.class);

	// Password connections only, over TCP and the socket alike.
	private static final String HBA = """
			# Written by Marketbase: every connection needs the password in marketbase-password.
			local all all scram-sha-256
			host all all 127.0.0.1/32 scram-sha-256
			host all all ::1/128 scram-sha-256
			""";

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedWarehouseProperties properties) {
		Path directory = properties.dataDirectory();
		try {
			Files.createDirectories(directory);
			Path passwordFile = directory.resolve(PASSWORD_FILE);
			boolean fresh = !Files.exists(directory.resolve("postgresql.conf"));
			String password = Files.exists(passwordFile) ? Files.readString(passwordFile).strip() : generated();
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				.setConnectConfig("password", password);
			Path initialPassword = null;
			if (fresh) {
				// A new cluster is password-only from its first start, and its password
				// is
				// kept before the server first runs (initdb wants the directory empty).
				initialPassword = ownerOnly(Files.createTempFile("marketbase-initdb", ".pw"));
				Files.writeString(initialPassword, password);
				builder.setLocaleConfig("auth-host", "scram-sha-256")
					.setLocaleConfig("auth-local", "scram-sha-256")
					.setLocaleConfig("pwfile", initialPassword.toString())
					.setDataDirectoryCustomizer((data) -> keep(passwordFile, password));
			}
			else if (!Files.exists(passwordFile)) {
				// An older directory: the password is kept before the server is told it.
				keep(passwordFile, password);
			}
			EmbeddedPostgres postgres;
			try {
				postgres = builder.start();
			}
			catch (IllegalStateException ex) {
				// Another process holds the directory's lock (this one too, within one
				// JVM).
				boolean locked = ex instanceof java.nio.channels.OverlappingFileLockException
						|| (ex.getMessage() != null && ex.getMessage().startsWith("could not lock"));
				throw locked ? inUse(directory, ex) : new EmbeddedWarehouseException(
						"Cannot start the embedded PostgreSQL with data in " + directory + ": " + ex.getMessage(),
						"See its log in that directory.", ex);
			}
			finally {
				if (initialPassword != null) {
					Files.deleteIfExists(initialPassword);
				}
			}
			requirePassword(postgres, directory, password);
			logger.info("No datasource configured: embedded PostgreSQL on port {} with data in {}", postgres.getPort(),
					directory);
			return postgres;
		}
		catch (IOException ex) {
			throw new EmbeddedWarehouseException(
					"Cannot start the embedded PostgreSQL with data in " + directory + ": " + ex.getMessage(),
					"Check that the directory is writable, or set marketbase.embedded.data-directory.", ex);
		}
	}

	@Bean(destroyMethod = "close")
	DataSource dataSource(EmbeddedPostgres postgres, EmbeddedWarehouseProperties properties) throws IOException {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setPassword(Files.readString(properties.dataDirectory().resolve(PASSWORD_FILE)).strip());
		dataSource.setPoolName("embedded-warehouse");
		// Each load partition holds a connection for its chunk while the shared quota
		// takes another for every source call.
		dataSource.setMaximumPoolSize(24);
		// Opened as needed, as the configured warehouse's pool: each is a SCRAM login.
		dataSource.setMinimumIdle(2);
		dataSource.setConnectionTimeout(10_000);
		return dataSource;
	}

	// A data directory from before the password (trust for every local connection) gets
	// it now; one that has it keeps it.
	private static void requirePassword(EmbeddedPostgres postgres, Path directory, String password) throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("alter role postgres password '" + password + "'");
			Path hba = directory.resolve("pg_hba.conf");
			if (!Files.readString(hba).equals(HBA)) {
				Files.writeString(hba, HBA);
				statement.execute("select pg_reload_conf()");
			}
		}
		catch (SQLException ex) {
			throw new IOException("cannot set its password: " + ex.getMessage(), ex);
		}
	}

	private static EmbeddedWarehouseException inUse(Path directory, IllegalStateException ex) {
		return new EmbeddedWarehouseException(
				"The embedded warehouse in " + directory + " is in use by another Marketbase process.",
				"Stop that process (a running 'serve', say) or give this one its own data with "
						+ "--marketbase.embedded.data-directory=<directory>.",
				ex);
	}

	// 32 random bytes as hex: nothing in it needs quoting in SQL or a file.
	private static String generated() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static void keep(Path passwordFile, String password) {
		try {
			Path written = ownerOnly(Files.createTempFile(passwordFile.getParent(), PASSWORD_FILE, ".new"));
			Files.writeString(written, password + "\n");
			Files.move(written, passwordFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Path ownerOnly(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the directory's own permissions are all there is.
		}
		return file;
	}

}
