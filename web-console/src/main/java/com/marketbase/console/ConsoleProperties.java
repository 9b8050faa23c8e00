package com.marketbase.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.marketbase.console.security.ConsoleRole;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's settings ({@code marketbase.console.*}).
 *
 * @param users the console users by name, each with a hashed password such as
 * {@code {bcrypt}$2a$10$...} and a role; with none, one operator with a random password
 * is created and its password logged once at start-up
 * @param logDirectory where the logs of the executions this server runs are kept
 * @param queryTimeout the longest one of the console's statements may run before it is
 * cancelled
 */
@ConfigurationProperties("marketbase.console")
public record ConsoleProperties(Map<String, User> users,
		@DefaultValue("${user.home}/.marketbase/execution-logs") Path logDirectory,
		@DefaultValue("15s") Duration queryTimeout) {

	public ConsoleProperties {
		users = (users != null) ? Map.copyOf(users) : Map.of();
	}

	/**
	 * A console user.
	 *
	 * @param password the password hash with its encoding, for example
	 * {@code {bcrypt}$2a$10$...}
	 * @param role what the user may do
	 */
	public record User(String password, @DefaultValue("VIEWER") ConsoleRole role) {

		@Override
		public String toString() {
			// A hash is not the password, but it has no business in a log line either.
			return "User[role=" + this.role + "]";
		}

	}

}
