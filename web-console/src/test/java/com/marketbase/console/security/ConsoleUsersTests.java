package com.marketbase.console.security;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marketbase.console.ConsoleProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class ConsoleUsersTests {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void withoutUsersCreatesAnOperatorAndPrintsItsPasswordOnce(CapturedOutput output) {
		InMemoryUserDetailsManager users = ConsoleUsers.of(properties(Map.of()), this.encoder);

		Matcher line = Pattern.compile("Console operator account: (\\S+) / (\\S+)").matcher(output.getAll());
		assertThat(line.find()).isTrue();
		assertThat(line.find()).isFalse();
		line.reset().find();
		UserDetails operator = users.loadUserByUsername(line.group(1));
		assertThat(this.encoder.matches(line.group(2), operator.getPassword())).isTrue();
		assertThat(operator.getPassword()).doesNotContain(line.group(2));
		assertThat(operator.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_OPERATOR");
	}

	@Test
	void takesConfiguredUsersWithHashedPasswordsAndPrintsNothing(CapturedOutput output) {
		String hash = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode("pw");

		InMemoryUserDetailsManager users = ConsoleUsers
			.of(properties(Map.of("vera", new ConsoleProperties.User(hash, ConsoleRole.VIEWER))), this.encoder);

		assertThat(users.loadUserByUsername("vera").getAuthorities()).extracting(Object::toString)
			.containsExactly("ROLE_VIEWER");
		assertThat(users.userExists(ConsoleUsers.GENERATED_USER)).isFalse();
		assertThat(output).doesNotContain("Console operator account");
	}

	@Test
	void refusesAPlainPassword() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ConsoleUsers.of(
					properties(Map.of("otto", new ConsoleProperties.User("{noop}secret", ConsoleRole.OPERATOR))),
					this.encoder))
			.withMessageContaining("marketbase.console.users.otto.password is not a password hash")
			.withMessageNotContaining("secret");
	}

	@Test
	void neverPrintsAHashInToString() {
		assertThat(new ConsoleProperties.User("{bcrypt}$2a$04$abc", ConsoleRole.VIEWER))
			.hasToString("User[role=VIEWER]");
	}

	private static ConsoleProperties properties(Map<String, ConsoleProperties.User> users) {
		return new ConsoleProperties(users, Path.of("target"), java.time.Duration.ofSeconds(15));
	}

}
