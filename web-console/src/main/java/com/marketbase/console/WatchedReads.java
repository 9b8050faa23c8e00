package com.marketbase.console;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.DeferredResultProcessingInterceptor;
import org.springframework.web.server.ResponseStatusException;

/**
 * Console reads that stop when their client goes. A read runs on a thread of its own
 * while its request waits asynchronously, and a poller asks the request's connection five
 * times a second whether the client has closed it; when it has, the read's statements are
 * cancelled ({@link ClientWatch}) instead of running on to the statement timeout with a
 * core and a pool connection.
 * <p>
 * A servlet container learns that a client has closed its connection only when it reads
 * from it. With a read listener registered, asking how much of the request can be read
 * ({@link ServletInputStream#available()}) tries a read that does not wait: on a
 * connection the client has closed it answers, every time, that there is something,
 * although a GET has no body left. A request sent ahead on the same connection (HTTP
 * pipelining) makes it answer so once only, which is why it takes two answers in a row.
 * The poller stops before the read's answer is handed to the container, so that it never
 * touches a request the container is answering or has recycled.
 */
public final class WatchedReads implements DeferredResultProcessingInterceptor, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(WatchedReads.class);

	private static final long POLL_MILLIS = 200;

	// Reads waiting for a thread; past that a read is refused rather than queued for
	// minutes.
	private static final int WAITING = 64;

	private static final ReadListener IGNORED = new ReadListener() {

		@Override
		public void onDataAvailable() {
		}

		@Override
		public void onAllDataRead() {
		}

		@Override
		public void onError(Throwable failure) {
		}

	};

	private final ThreadPoolExecutor readers;

	private final ScheduledExecutorService poller;

	private final long timeoutMillis;

	/**
	 * Watched reads.
	 * @param threads how many reads run at once
	 * @param statementTimeout the longest one statement of a read may run
	 */
	public WatchedReads(int threads, Duration statementTimeout) {
		this.readers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(WAITING), daemons("console-read-"));
		this.readers.allowCoreThreadTimeOut(true);
		this.poller = Executors.newSingleThreadScheduledExecutor(daemons("console-read-watch-"));
		// A read runs a few statements; the request waits for all of them.
		this.timeoutMillis = statementTimeout.toMillis() * 3 + 5_000;
	}

	/**
	 * A read to answer a request with, run once the request waits for it.
	 * @param <T> what the read gives
	 * @param read the read, which takes its connections from {@link ConsoleSql}
	 * @return the answer to return from the handler
	 */
	public <T> DeferredResult<T> read(Supplier<T> read) {
		return new Watched<>(read, this.timeoutMillis);
	}

	@Override
	public <T> void preProcess(NativeWebRequest request, DeferredResult<T> result) {
		if (result instanceof Watched<T> watched) {
			watched.start(request.getNativeRequest(HttpServletRequest.class));
		}
	}

	@Override
	public <T> boolean handleTimeout(NativeWebRequest request, DeferredResult<T> result) {
		stop(result, true);
		return true;
	}

	@Override
	public <T> boolean handleError(NativeWebRequest request, DeferredResult<T> result, Throwable failure) {
		stop(result, true);
		return true;
	}

	@Override
	public <T> void afterCompletion(NativeWebRequest request, DeferredResult<T> result) {
		stop(result, !result.hasResult());
	}

	private static void stop(DeferredResult<?> result, boolean cancel) {
		if (result instanceof Watched<?> watched) {
			watched.stopWatching();
			if (cancel) {
				watched.watch.cancel();
			}
		}
	}

	@Override
	public void destroy() {
		this.poller.shutdownNow();
		this.readers.shutdownNow();
	}

	private static ThreadFactory daemons(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	private final class Watched<T> extends DeferredResult<T> {

		private final Supplier<T> read;

		private final ClientWatch watch = new ClientWatch();

		private @Nullable ServletInputStream input;

		private @Nullable ScheduledFuture<?> polling;

		private @Nullable String request;

		private int closedAnswers;

		private boolean stopped;

		Watched(Supplier<T> read, long timeoutMillis) {
			super(timeoutMillis);
			this.read = read;
		}

		void start(@Nullable HttpServletRequest http) {
			if (http != null) {
				try {
					ServletInputStream stream = http.getInputStream();
					stream.setReadListener(IGNORED);
					this.input = stream;
					this.request = http.getMethod() + " " + http.getRequestURI();
				}
				catch (IOException | IllegalStateException ex) {
					// The body was read another way: the read runs unwatched, bounded by
					// the statement timeout.
					logger.debug("A console read runs unwatched: {}", ex.toString());
				}
			}
			try {
				WatchedReads.this.readers.execute(this::run);
			}
			catch (RejectedExecutionException ex) {
				setErrorResult(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
						"The console is answering too many reads at once; try again in a moment."));
				return;
			}
			synchronized (this) {
				if (this.input != null && !this.stopped) {
					this.polling = WatchedReads.this.poller.scheduleWithFixedDelay(this::check, POLL_MILLIS,
							POLL_MILLIS, TimeUnit.MILLISECONDS);
				}
			}
		}

		private void run() {
			T answer;
			try {
				answer = this.watch.run(this.read);
			}
			catch (RuntimeException ex) {
				stopWatching();
				setErrorResult(ex);
				return;
			}
			stopWatching();
			setResult(answer);
		}

		private synchronized void check() {
			ServletInputStream stream = this.input;
			if (this.stopped || stream == null) {
				return;
			}
			boolean closed;
			try {
				closed = stream.available() > 0;
			}
			catch (IOException | IllegalStateException ex) {
				closed = true;
			}
			this.closedAnswers = closed ? this.closedAnswers + 1 : 0;
			if (this.closedAnswers >= 2) {
				logger.info("Cancelled a console read whose client closed the connection: {}", this.request);
				stopWatching();
				this.watch.cancel();
			}
		}

		/** After this returns, the poller does not touch the request again. */
		synchronized void stopWatching() {
			this.stopped = true;
			this.input = null;
			if (this.polling != null) {
				this.polling.cancel(false);
			}
		}

	}

}
