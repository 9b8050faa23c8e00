package com.marketbase.batch.schedule;

import java.time.Clock;
import java.time.ZonedDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the schedule while the server runs: first the catch-up of missed days, then each
 * entry at its cron times. Each entry has a thread of its own, so a long load of one
 * entry does not hold up another; a run that lasts past the entry's next time skips that
 * time.
 */
class ScheduleRunner implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ScheduleRunner.class);

	private final JobScheduler scheduler;

	private final Clock clock;

	private final ThreadPoolTaskScheduler tasks = new ThreadPoolTaskScheduler();

	private volatile boolean running;

	ScheduleRunner(JobScheduler scheduler, Clock clock) {
		this.scheduler = scheduler;
		this.clock = clock;
		this.tasks.setPoolSize(Math.max(1, scheduler.size()) + 1);
		this.tasks.setThreadNamePrefix("schedule-");
		this.tasks.setClock(clock);
		this.tasks.setWaitForTasksToCompleteOnShutdown(false);
	}

	@Override
	public void start() {
		if (this.scheduler.size() == 0) {
			return;
		}
		this.tasks.initialize();
		this.running = true;
		this.tasks.execute(() -> {
			// Firings that fall due while the catch-up runs (a long one can take hours)
			// are
			// counted from its start, so they run as soon as it ends instead of being
			// lost.
			ZonedDateTime started = ZonedDateTime.now(this.clock);
			this.scheduler.catchUp();
			for (int i = 0; i < this.scheduler.size(); i++) {
				scheduleNext(i, started);
			}
		});
		logger.info("Schedule: {} entries", this.scheduler.size());
	}

	private void scheduleNext(int index) {
		scheduleNext(index, ZonedDateTime.now(this.clock));
	}

	private void scheduleNext(int index, ZonedDateTime after) {
		if (!this.running) {
			return;
		}
		ZonedDateTime next = this.scheduler.next(index, after);
		if (next == null) {
			return;
		}
		this.tasks.schedule(() -> {
			try {
				this.scheduler.fire(index, next);
			}
			catch (RuntimeException ex) {
				logger.error("Schedule: entry {} failed at {}: {}", index, next, ex.getMessage(), ex);
			}
			finally {
				scheduleNext(index);
			}
		}, next.toInstant());
	}

	@Override
	public void stop() {
		this.running = false;
		this.tasks.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
