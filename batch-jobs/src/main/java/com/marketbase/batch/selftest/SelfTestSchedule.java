package com.marketbase.batch.selftest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.marketbase.batch.source.SourceName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the self-test of every configured source at the interval kept in
 * {@code market.selftest_schedule}, while the server runs; the console changes it and
 * starts a run now. A change cancels the pending run at once (a run under way finishes)
 * and plans the next from the moment of the change. One run at a time: a run due while
 * another is under way is skipped.
 */
public class SelfTestSchedule implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SelfTestSchedule.class);

	private static final int MAX_BY = 100;

	private final SelfTest selfTest;

	private final JdbcTemplate jdbc;

	private final Duration minute;

	private final ThreadPoolTaskScheduler tasks = new ThreadPoolTaskScheduler();

	private final AtomicBoolean busy = new AtomicBoolean();

	// Guarded by this.
	private @Nullable ScheduledFuture<?> pending;

	// Guarded by this: which plan a firing belongs to.
	private long generation;

	private volatile boolean running;

	/**
	 * A schedule.
	 * @param selfTest the self-test
	 * @param dataSource the warehouse, which keeps the choice
	 * @param minute how long a minute of the schedule is: one minute, shorter only in
	 * tests
	 */
	public SelfTestSchedule(SelfTest selfTest, DataSource dataSource, Duration minute) {
		this.selfTest = selfTest;
		this.jdbc = new JdbcTemplate(dataSource);
		this.minute = minute;
		// One thread for the schedule's runs, one for a run started from the console.
		this.tasks.setPoolSize(2);
		this.tasks.setThreadNamePrefix("selftest-");
		this.tasks.setWaitForTasksToCompleteOnShutdown(false);
		this.tasks.setRemoveOnCancelPolicy(true);
	}

	@Override
	public void start() {
		this.tasks.initialize();
		this.running = true;
		Setting stored = setting();
		// A server restarted more often than its interval still runs the test: the next
		// run is due one interval after the last scheduled one.
		Timestamp last = this.jdbc.queryForObject(
				"select max(started_at) from market.selftest_runs where triggered_by = ?", Timestamp.class,
				SelfTest.SCHEDULE);
		plan(SelfTestInterval.parse(stored.every()), (last != null) ? last.toInstant() : Instant.now());
		logger.info("Self-test schedule: {} (set by {} at {})", stored.every(), stored.setBy(), stored.setAt());
	}

	@Override
	public void stop() {
		this.running = false;
		synchronized (this) {
			if (this.pending != null) {
				this.pending.cancel(false);
				this.pending = null;
			}
		}
		this.tasks.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The stored choice and when the next run is due.
	 * @return the setting
	 */
	public Setting setting() {
		Instant next = nextRunAt();
		return this.jdbc.queryForObject("select every, set_by, set_at from market.selftest_schedule",
				(rs, row) -> new Setting(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class), next,
						this.busy.get()));
	}

	/**
	 * Keeps a new choice and plans by it at once: the pending run is cancelled, and the
	 * first run of a new interval falls one interval from now.
	 * @param every the choice's key
	 * @param by who makes it
	 * @return the setting now
	 * @throws IllegalArgumentException in one line when the key is not a choice
	 */
	public synchronized Setting set(String every, String by) {
		SelfTestInterval interval = SelfTestInterval.parse(every);
		String who = (by.length() <= MAX_BY) ? by : by.substring(0, MAX_BY);
		this.jdbc.update("update market.selftest_schedule set every = ?, set_by = ?, set_at = now()", interval.key(),
				who);
		plan(interval);
		logger.info("Self-test schedule set to {} by {}", interval.key(), who);
		return setting();
	}

	/**
	 * Starts a run of every configured source now, unless one is under way.
	 * @param trigger what starts it
	 * @return the new run's id, empty when a run is under way
	 * @throws IllegalStateException when no source is configured or the run cannot start
	 */
	public OptionalLong runNow(String trigger) {
		List<SourceName> sources = this.selfTest.configured();
		if (sources.isEmpty()) {
			throw new IllegalStateException("No source is configured to test.");
		}
		if (!this.busy.compareAndSet(false, true)) {
			return OptionalLong.empty();
		}
		CompletableFuture<Long> id = new CompletableFuture<>();
		try {
			this.tasks.execute(() -> {
				try {
					run(sources, trigger, id);
				}
				finally {
					this.busy.set(false);
				}
			});
		}
		catch (RuntimeException ex) {
			this.busy.set(false);
			throw new IllegalStateException("The self-test cannot start now: " + ex.getMessage(), ex);
		}
		try {
			// The run is stored before its first question, so this waits for one insert.
			return OptionalLong.of(id.get(30, TimeUnit.SECONDS));
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The self-test did not start: " + ex.getCause().getMessage(), ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("The self-test did not start within 30 s.", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the self-test started.", ex);
		}
	}

	/**
	 * The pending run of the schedule, for tests.
	 * @return the future, {@code null} when off
	 */
	synchronized @Nullable ScheduledFuture<?> pending() {
		return this.pending;
	}

	private synchronized void plan(SelfTestInterval interval) {
		plan(interval, Instant.now());
	}

	/**
	 * Plans the runs of an interval, the first one interval after {@code from}, and never
	 * before now.
	 */
	private synchronized void plan(SelfTestInterval interval, Instant from) {
		// A firing already dequeued sees another generation and does not start a run.
		long generation = ++this.generation;
		if (this.pending != null) {
			this.pending.cancel(false);
			this.pending = null;
		}
		Duration period = interval.period(this.minute);
		if (period == null || !this.running) {
			return;
		}
		Instant first = from.plus(period);
		Instant now = Instant.now();
		// With a fixed delay, a run that overruns its interval is not followed at once by
		// another.
		this.pending = this.tasks.scheduleWithFixedDelay(() -> scheduled(generation), first.isBefore(now) ? now : first,
				period);
	}

	private void scheduled(long generation) {
		try {
			List<SourceName> sources = this.selfTest.configured();
			if (sources.isEmpty()) {
				logger.info("Self-test schedule: no source is configured to test; skipped");
				return;
			}
			synchronized (this) {
				if (generation != this.generation || !this.running) {
					return;
				}
				if (!this.busy.compareAndSet(false, true)) {
					logger.info("Self-test schedule: a run is under way; skipped");
					return;
				}
			}
			try {
				run(sources, SelfTest.SCHEDULE, new CompletableFuture<>());
			}
			finally {
				this.busy.set(false);
			}
		}
		catch (RuntimeException ex) {
			// A periodic task that throws is never run again.
			logger.warn("Self-test schedule: the run failed: {}", ex.getMessage());
		}
	}

	private void run(List<SourceName> sources, String trigger, CompletableFuture<Long> id) {
		try {
			SelfTestRun run = this.selfTest.run(sources, trigger, id::complete, (result) -> {
			});
			logger.info("Self-test {} ({}): {} endpoint(s), {} failed", run.id(), trigger, run.results().size(),
					run.failed());
		}
		catch (RuntimeException ex) {
			id.completeExceptionally(ex);
			logger.warn("Self-test ({}) failed: {}", trigger, ex.getMessage());
		}
	}

	private synchronized @Nullable Instant nextRunAt() {
		if (this.pending == null || this.pending.isCancelled()) {
			return null;
		}
		return Instant.now().plusMillis(Math.max(0, this.pending.getDelay(TimeUnit.MILLISECONDS)));
	}

	/**
	 * The schedule as the console shows it.
	 *
	 * @param every {@code off}, {@code 5m}, {@code 10m}, {@code 15m}, {@code 30m},
	 * {@code hourly} or {@code daily}
	 * @param setBy who chose it ({@code default} before anyone did)
	 * @param setAt when
	 * @param nextRunAt when the next run is due, {@code null} when off
	 * @param underWay whether a run is under way
	 */
	public record Setting(String every, String setBy, OffsetDateTime setAt, @Nullable Instant nextRunAt,
			boolean underWay) {
	}

}
