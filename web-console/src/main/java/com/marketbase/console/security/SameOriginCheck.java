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
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null && !site.equals("same-origin") && !site.equals("none")) {
			return true;
		}
		String origin = request.getHeader("Origin");
		return origin != null && !sameOrigin(origin, request);
	}

	private static boolean sameOrigin(String origin, HttpServletRequest request) {
		try {
			URI uri = URI.create(origin);
			if (uri.getScheme() == null || uri.getHost() == null) {
				return false;
			}
			String host = request.getHeader("Host");
			String expected = (host != null) ? host : request.getServerName() + ":" + request.getServerPort();
			return uri.getScheme().equalsIgnoreCase(request.getScheme())
					&& authority(uri).equals(expected.toLowerCase(Locale.ROOT).replaceFirst(defaultPort(uri), ""));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String authority(URI uri) {
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		return (uri.getPort() < 0) ? host : host + ":" + uri.getPort();
	}

	// Host: example.org:443 for https names the same origin as https://example.org.
	private static String defaultPort(URI uri) {
		return uri.getScheme().equalsIgnoreCase("https") ? ":443$" : ":80$";
	}

}
