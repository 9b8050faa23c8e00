package com.marketbase.console;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the console takes of a request before anything reads it: a body of at most
 * {@link #MAX_BODY} bytes (a launch or a release is a few hundred), refused with 413, and
 * no direct request for the error page, which only an error may show (a direct one would
 * answer 500 with status 999).
 */
public final class RequestLimits extends OncePerRequestFilter {

	/** The largest request body the console reads. */
	public static final int MAX_BODY = 64 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("/error".equals(request.getRequestURI())) {
			answer(response, 404, "Not Found", "There is nothing at /error.");
			return;
		}
		if (request.getContentLengthLong() > MAX_BODY) {
			answer(response, 413, "Content Too Large",
					"A request body is at most " + MAX_BODY + " bytes, not " + request.getContentLengthLong() + ".");
			return;
		}
		// A body sent without a length (chunked) is counted as it is read.
		chain.doFilter((request.getContentLengthLong() < 0) ? new Bounded(request) : request, response);
	}

	private static void answer(HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
					+ detail + "\"}");
	}

	private static final class Bounded extends HttpServletRequestWrapper {

		private ServletInputStream stream;

		Bounded(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new Counting(super.getInputStream());
			}
			return this.stream;
		}

	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream body;

		private long read;

		Counting(ServletInputStream body) {
			this.body = body;
		}

		@Override
		public int read() throws IOException {
			int next = this.body.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.body.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > MAX_BODY) {
				throw new IOException("The request body is longer than " + MAX_BODY + " bytes.");
			}
		}

		@Override
		public boolean isFinished() {
			return this.body.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.body.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.body.setReadListener(listener);
		}

	}

}
