package com.marketbase.console.security;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import com.marketbase.console.ConsoleProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Two filter chains: the API answers 401 and 403 as problems and takes HTTP Basic or the
 * pages' session; the pages use form login. State-changing requests made with the session
 * need the CSRF token, which the pages read from the {@code XSRF-TOKEN} cookie, and are
 * refused when a browser says they come from another site. Failed logins are throttled
 * and logged.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

	@Bean
	PasswordEncoder consolePasswordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	InMemoryUserDetailsManager consoleUsers(ConsoleProperties properties, PasswordEncoder consolePasswordEncoder) {
		return ConsoleUsers.of(properties, consolePasswordEncoder);
	}

	@Bean
	static RoleHierarchy consoleRoleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(ConsoleRole.OPERATOR.name())
			.implies(ConsoleRole.VIEWER.name())
			.build();
	}

	/**
	 * Actuator endpoints: health answers anyone (details only to console users), the rest
	 * (metrics, Prometheus) needs a console user over HTTP Basic, as a scraper signs in.
	 * No session, no CSRF: nothing there changes state.
	 * @param http the security builder
	 * @return the chain
	 * @throws Exception when it cannot be built
	 */
	@Bean
	LoginThrottle consoleLoginThrottle() {
		return new LoginThrottle(Clock.systemUTC());
	}

	/**
	 * The throttle runs inside the security chains only, not as a filter of its own.
	 * @param consoleLoginThrottle the throttle
	 * @return the registration, disabled
	 */
	@Bean
	FilterRegistrationBean<LoginThrottle> consoleLoginThrottleRegistration(LoginThrottle consoleLoginThrottle) {
		FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(consoleLoginThrottle);
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	@Order(0)
	SecurityFilterChain consoleActuator(HttpSecurity http, LoginThrottle consoleLoginThrottle) throws Exception {
		ProblemResponses problems = new ProblemResponses();
		http.securityMatcher("/actuator/**")
			.addFilterBefore(consoleLoginThrottle, BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/actuator/health")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/actuator/**")
				.hasRole(ConsoleRole.VIEWER.name())
				.anyRequest()
				.denyAll())
			.httpBasic((basic) -> basic.realmName(ProblemResponses.REALM).authenticationEntryPoint(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain consoleApi(HttpSecurity http, LoginThrottle consoleLoginThrottle,
			@Value("${server.servlet.session.cookie.secure:false}") boolean secureCookies) throws Exception {
		ProblemResponses problems = new ProblemResponses();
		http.securityMatcher("/api/**", "/v3/api-docs/**")
			.addFilterBefore(new SameOriginCheck(), CsrfFilter.class)
			.addFilterBefore(consoleLoginThrottle, BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs/**")
				.hasRole(ConsoleRole.VIEWER.name())
				// Asking for estimates reads the cache and at most queues refreshes; a
				// connection check only reads.
				.requestMatchers(HttpMethod.POST, "/api/funds/estimates", "/api/system/database/check")
				.hasRole(ConsoleRole.VIEWER.name())
				.anyRequest()
				.hasRole(ConsoleRole.OPERATOR.name()))
			.httpBasic((basic) -> basic.realmName(ProblemResponses.REALM).authenticationEntryPoint(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			// An API call refused for want of credentials is not replayed after a login.
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.csrf((csrf) -> csrf.spa()
				.csrfTokenRepository(csrfCookies(secureCookies))
				.ignoringRequestMatchers(SecurityConfiguration::basicFromTool));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain consolePages(HttpSecurity http, LoginThrottle consoleLoginThrottle,
			@Value("${server.servlet.session.cookie.secure:false}") boolean secureCookies) throws Exception {
		http.addFilterBefore(new SameOriginCheck(), CsrfFilter.class)
			.addFilterBefore(consoleLoginThrottle, UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/login", "/error", "/console.css")
				.permitAll()
				.anyRequest()
				.hasRole(ConsoleRole.VIEWER.name()))
			.formLogin(Customizer.withDefaults())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.csrf((csrf) -> csrf.spa().csrfTokenRepository(csrfCookies(secureCookies)))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp
				.policyDirectives("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
						+ "frame-ancestors 'none'; form-action 'self'")));
		return http.build();
	}

	// The pages read the token from this cookie; it is Secure wherever the session cookie
	// is.
	private static CookieCsrfTokenRepository csrfCookies(boolean secure) {
		CookieCsrfTokenRepository cookies = CookieCsrfTokenRepository.withHttpOnlyFalse();
		if (secure) {
			cookies.setCookieCustomizer((cookie) -> cookie.secure(true).sameSite("Strict"));
		}
		return cookies;
	}

	/**
	 * A request that brings its own Basic credentials from a script or tool, which CSRF
	 * cannot abuse: a browser that says where it comes from must say this origin or
	 * nowhere, and one that does not say (older browsers) is taken for a tool only
	 * without an Origin header and without cookies. A browser that cached Basic
	 * credentials is never exempt when another site makes it send them.
	 */
	private static boolean basicFromTool(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			return site.equals("same-origin") || site.equals("none");
		}
		return request.getHeader("Origin") == null && request.getHeader("Cookie") == null;
	}

}
