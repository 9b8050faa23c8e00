package com.marketbase.console.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request that a browser says comes from another site, before
 * the CSRF token is looked at: the token sits in a cookie that a sibling site can set, so
 * the token alone does not prove where a request came from. Browsers send
 * {@code Sec-Fetch-Site} and {@code Origin} and pages cannot forge them; a tool sends
 * neither, and is held to the CSRF token or its own credentials.
 */
final class SameOriginCheck extends OncePerRequestFilter {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private final ProblemResponses problems = new ProblemResponses();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!SAFE_METHODS.contains(request.getMethod()) && crossSite(request)) {
			this.problems.write(request, response, HttpStatus.FORBIDDEN,
					"Cross-site request refused: this console takes changes only from its own pages.");
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean crossSite(HttpServletRequest request) {
		// The browser's own verdict, where it gives one: it knows the page's origin,
		// which a
		// proxy in front of the console may hide from the server.
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			return !site.equals("same-origin") && !site.equals("none");
		}
		String origin = request.getHeader("Origin");
		return origin != null && !sameHost(origin, request);
	}

	// Without Sec-Fetch-Site (older browsers) the Origin's host must be the one the
	// request
	// was sent to; scheme and port are left out, since a TLS proxy changes both.
	private static boolean sameHost(String origin, HttpServletRequest request) {
		try {
			URI uri = URI.create(origin);
			if (uri.getHost() == null) {
				return false;
			}
			String host = request.getHeader("Host");
			String expected = (host != null) ? host : request.getServerName();
			return uri.getHost().equalsIgnoreCase(hostOf(expected));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	// "example.org:8443" and "[::1]:8080" without the port.
	private static String hostOf(String authority) {
		String trimmed = authority.strip().toLowerCase(Locale.ROOT);
		if (trimmed.startsWith("[")) {
			int end = trimmed.indexOf(']');
			return (end > 0) ? trimmed.substring(0, end + 1) : trimmed;
		}
		int colon = trimmed.lastIndexOf(':');
		return (colon > 0) ? trimmed.substring(0, colon) : trimmed;
	}

}
