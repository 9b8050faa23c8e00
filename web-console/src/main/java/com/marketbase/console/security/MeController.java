package com.marketbase.console.security;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in, so that pages offer only the actions the user may take.
 */
@RestController
@Tag(name = "Session")
class MeController {

	@GetMapping("/api/me")
	@Operation(summary = "The signed-in user and roles")
	Me me(Authentication authentication) {
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring(5))
			.toList();
		return new Me(authentication.getName(), roles, roles.contains(ConsoleRole.OPERATOR.name()));
	}

	/**
	 * The signed-in user.
	 *
	 * @param name the user name
	 * @param roles the roles
	 * @param operator whether the user may act on executions
	 */
	record Me(String name, List<String> roles, boolean operator) {
	}

}
