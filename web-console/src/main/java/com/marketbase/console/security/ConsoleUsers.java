package com.marketbase.console.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marketbase.console.ConsoleProperties;
import com.marketbase.console.ConsoleSettingsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Builds the console's users from configuration. Only hashed passwords are accepted; with
 * no users configured one operator is created with a random password, which is logged
 * once and kept nowhere.
 */
final class ConsoleUsers {

	static final String GENERATED_USER = "operator";

	private static final Logger logger = LoggerFactory.getLogger(ConsoleUsers.class);

	private static final Pattern ENCODING = Pattern.compile("^\\{([a-z0-9@_-]+)}.+");

	private static final List<String> HASHES = List.of("bcrypt", "argon2", "argon2@SpringSecurity_v5_8", "scrypt",
			"scrypt@SpringSecurity_v5_8", "pbkdf2", "pbkdf2@SpringSecurity_v5_8");

	private ConsoleUsers() {
	}

	static InMemoryUserDetailsManager of(ConsoleProperties properties, PasswordEncoder encoder) {
		List<UserDetails> users = new ArrayList<>();
		if (properties.users().isEmpty()) {
			String password = randomPassword();
			users.add(user(GENERATED_USER, encoder.encode(password), ConsoleRole.OPERATOR));
			logger.warn("Console operator account: {} / {}", GENERATED_USER, password);
		}
		for (Map.Entry<String, ConsoleProperties.User> entry : properties.users().entrySet()) {
			String hash = entry.getValue().password();
			Matcher encoding = ENCODING.matcher((hash != null) ? hash : "");
			if (!encoding.matches() || !HASHES.contains(encoding.group(1))) {
				throw new ConsoleSettingsException("marketbase.console.users." + entry.getKey()
						+ ".password is not a password hash such as {bcrypt}$2a$10$...; plain passwords are refused.",
						"Set it to a bcrypt hash of the password with {bcrypt} in front, for example from "
								+ "'htpasswd -nbBC 10 \"\" <password> | cut -c2-' (Debian package apache2-utils).");
			}
			users.add(user(entry.getKey(), hash, entry.getValue().role()));
		}
		return new InMemoryUserDetailsManager(users);
	}

	private static UserDetails user(String name, String hash, ConsoleRole role) {
		return User.withUsername(name).password(hash).roles(role.name()).build();
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
