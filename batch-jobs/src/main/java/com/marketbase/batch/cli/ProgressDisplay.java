package com.marketbase.batch.cli;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.marketbase.batch.support.execution.LoadProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a running load: on a terminal a progress bar (units done of total, rows written,
 * rate, ETA), otherwise one line every few seconds, as logs and CI want it.
 */
final class ProgressDisplay implements AutoCloseable {

	private static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

	private final LoadProgress progress;

	private final Console console;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "cli-progress");
		thread.setDaemon(true);
		return thread;
	});

	private ProgressBar bar;

	private ProgressDisplay(LoadProgress progress, Console console) {
		this.progress = progress;
		this.console = console;
	}

	static ProgressDisplay start(String jobName, LoadProgress progress, Console console, boolean terminal) {
		ProgressDisplay display = new ProgressDisplay(progress, console);
		if (terminal) {
			display.bar = new ProgressBarBuilder().setTaskName(jobName)
				.setStyle(ProgressBarStyle.ASCII)
				.setInitialMax(0)
				.setUnit(" units", 1)
				.setUpdateIntervalMillis(500)
				.build();
			display.ticker.scheduleAtFixedRate(display::drawBar, 500, 500, TimeUnit.MILLISECONDS);
		}
		else {
			display.ticker.scheduleAtFixedRate(display::printLine, LINE_INTERVAL.toMillis(), LINE_INTERVAL.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		return display;
	}

	private void drawBar() {
		LoadProgress.Snapshot now = this.progress.snapshot();
		if (now.unitsTotal() > 0) {
			this.bar.maxHint(now.unitsTotal());
			this.bar.stepTo(now.unitsDone());
		}
		this.bar.setExtraMessage(String.format(" %,d rows, %,.0f/s", now.rows(), now.rowsPerSecond()));
	}

	private void printLine() {
		LoadProgress.Snapshot now = this.progress.snapshot();
		if (now.unitsTotal() == 0) {
			this.console.say("preparing...");
			return;
		}
		this.console.say(String.format("%d/%d units (%.0f%%), %s, ETA %s", now.unitsDone(), now.unitsTotal(),
				100.0 * now.unitsDone() / now.unitsTotal(), rows(now), eta(now)));
	}

	private static String rows(LoadProgress.Snapshot now) {
		return String.format("%,d rows at %,.0f rows/s", now.rows(), now.rowsPerSecond());
	}

	private static String eta(LoadProgress.Snapshot now) {
		long left = now.unitsTotal() - now.unitsDone();
		if (now.unitsDone() == 0 || left <= 0) {
			return "-";
		}
		long seconds = now.elapsed().toSeconds() * left / Math.max(1, now.unitsDone());
		return Duration.ofSeconds(seconds).toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
		if (this.bar != null) {
			drawBar();
			this.bar.close();
		}
	}

}
