package com.marketbase.console.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.marketbase.console.ConsoleText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failed logins in a row for
 * a user name from an address (names in any case), or {@value #FREE_FAILURES_PER_ADDRESS}
 * from an address whatever the names, the next attempt waits {@value #FIRST_WAIT_SECONDS}
 * seconds, and each failure after that doubles the wait (up to {@value #MAX_WAIT_SECONDS}
 * seconds); an attempt during the wait is answered 429 without its password being
 * checked. A guesser elsewhere cannot lock a user out this way. Every failed login is
 * logged with the name and the address, never the password. A success clears its name's
 * count at its address; the address's count is forgotten half an hour after its last
 * failure.
 */
public final class LoginThrottle extends OncePerRequestFilter {

	static final int FREE_FAILURES = 5;

	/**
	 * Failures from one address, whatever the names, before its attempts wait: more,
	 * since many people may share one address (an office, a proxy).
	 */
	static final int FREE_FAILURES_PER_ADDRESS = 20;

	static final long FIRST_WAIT_SECONDS = 15;

	static final long MAX_WAIT_SECONDS = 900;

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	// Bounded, and forgotten a while after the last failure, so that guessing cannot fill
	// the memory.
	private final Cache<String, Failures> failures = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(30))
		.build();

	private final ProblemResponses problems = new ProblemResponses();

	private final Clock clock;

	public LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String user = attemptedUser(request);
		if (user != null) {
			String address = request.getRemoteAddr();
			long wait = Math.max(waitSeconds(pairKey(user, address), FREE_FAILURES),
					waitSeconds(addressKey(address), FREE_FAILURES_PER_ADDRESS));
			if (wait > 0) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
				this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
						"Too many failed logins; try again in " + wait + " s.");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * Counts a failed login and logs it.
	 * @param event the failure
	 */
	@EventListener
	public void failed(AbstractAuthenticationFailureEvent event) {
		Authentication attempt = event.getAuthentication();
		String user = String.valueOf(attempt.getPrincipal());
		String address = (attempt.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: "unknown";
		Instant now = this.clock.instant();
		Failures byUser = this.failures.asMap().compute(pairKey(user, address), (key, old) -> Failures.after(old, now));
		Failures byAddress = this.failures.asMap().compute(addressKey(address), (key, old) -> Failures.after(old, now));
		long wait = Math.max(Failures.wait(byUser.count(), FREE_FAILURES),
				Failures.wait(byAddress.count(), FREE_FAILURES_PER_ADDRESS));
		logger.warn("Console login failed for user '{}' from {} ({} in a row{})", ConsoleText.printable(user, 40),
				ConsoleText.printable(address, 40), byUser.count(),
				(wait > 0) ? "; next attempt waits " + wait + " s" : "");
	}

	/**
	 * Clears the counts of a user and its address after a successful login.
	 * @param event the success
	 */
	@EventListener
	public void succeeded(AuthenticationSuccessEvent event) {
		Authentication login = event.getAuthentication();
		if (login.getDetails() instanceof WebAuthenticationDetails details) {
			this.failures.invalidate(pairKey(login.getName(), details.getRemoteAddress()));
		}
	}

	private long waitSeconds(String key, int free) {
		Failures known = this.failures.getIfPresent(key);
		long wait = (known != null) ? Failures.wait(known.count(), free) : 0;
		if (wait == 0) {
			return 0;
		}
		return Math.max(0, Duration.between(this.clock.instant(), known.last().plusSeconds(wait)).toSeconds());
	}

	// The user a request tries to sign in as: HTTP Basic credentials, or the login form.
	private static @Nullable String attemptedUser(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return (colon < 0) ? decoded : decoded.substring(0, colon);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
			return request.getParameter("username");
		}
		return null;
	}

	// User names are matched without regard to case, as the user store does: ADMIN and
	// admin are one name to guess for.
	private static String pairKey(String user, @Nullable String address) {
		return "user:" + user.toLowerCase(java.util.Locale.ROOT) + "@" + address;
	}

	private static String addressKey(@Nullable String address) {
		return "address:" + address;
	}

	/**
	 * Failed logins in a row.
	 *
	 * @param count how many
	 * @param last when the last one was
	 */
	record Failures(int count, Instant last) {

		static Failures after(@Nullable Failures old, Instant now) {
			return new Failures((old != null) ? old.count + 1 : 1, now);
		}

		// None before the free failures are used up, 15 s after the last free one, then
		// twice as long after each one more.
		static long wait(int count, int free) {
			if (count < free) {
				return 0;
			}
			int doublings = Math.min(20, count - free);
			return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS << doublings);
		}

	}

}
