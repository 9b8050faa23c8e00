package com.marketbase.console.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers the API's 401 and 403 as problem documents, as the controllers answer their
 * errors; security filters run before Spring MVC, so the controller advice cannot.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String REALM = "Marketbase console";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			@Nullable AuthenticationException authException) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
		write(request, response, HttpStatus.UNAUTHORIZED,
				"Sign in: HTTP Basic with a console user, or the session of the console's login page.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		// Without a session or credentials the CSRF check runs first; the caller's fault
		// is
		// that nobody signed in, which is a 401.
		if (accessDeniedException instanceof CsrfException && anonymous(request)) {
			commence(request, response, null);
			return;
		}
		String detail = (accessDeniedException instanceof CsrfException)
				? "The CSRF token is missing or stale; reload the page and try again."
				: "This needs the OPERATOR role.";
		write(request, response, HttpStatus.FORBIDDEN, detail);
	}

	private static boolean anonymous(HttpServletRequest request) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		boolean signedIn = current != null && current.isAuthenticated()
				&& !(current instanceof AnonymousAuthenticationToken);
		return !signedIn && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + json(detail) + "\",\"instance\":\""
					+ json(request.getRequestURI()) + "\"}");
	}

	private static String json(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
